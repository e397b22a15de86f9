# Hotplug with the daemon running (polling_interval 2, find_multipaths
# smart with a 5 s timeout), a writer on the first map the whole time.
# LUN A boots with one of its two paths (its WWID is in the wwids file, so
# it has a map at once); the host plugs the second (QMP device_add) and it
# joins the map. LUN B's two paths arrive one after the other: a new map
# with both. LUN C's first path arrives alone and stays out of any map
# after the timeout; its second path arrives late: a map with both.
# Unplugging (device_del) one path of A and one of B shrinks their maps.
# The kernel's tables are what is checked.
SC_DISKS=1
SC_MODS=sg,virtio_blk
SC_TIMEOUT=420

sc_setup() {
	disk_new "$1/a.img" 32 'label: dos'
	disk_new "$1/b.img" 16 'label: dos'
	disk_new "$1/c.img" 16 'label: dos'
	vm_lun "$1/a.img" 0x5000c50000002301 1              # path 0
	VM_UNPLUGGED=1 vm_lun "$1/a.img" 0x5000c50000002301 1 # path 1
	VM_UNPLUGGED=1 vm_lun "$1/b.img" 0x5000c50000002302 2 # paths 2, 3
	VM_UNPLUGGED=1 vm_lun "$1/c.img" 0x5000c50000002303 2 # paths 4, 5
	vm_mailbox "$1"
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 2
	max_polling_interval 4
	find_multipaths smart
	find_multipaths_timeout 5
}
EOC
	printf '# Multipath wwids, Version : 1.0\n/35000c50000002301/\n' >"$ROOTFS/etc/multipath/wwids"
}

sc_during() { vm_serve "$1" >"$1/during.log" 2>&1; }
sc_check() { cat "$1/during.log"; }
