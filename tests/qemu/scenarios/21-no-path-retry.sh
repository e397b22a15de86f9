# All paths down under a writer, with the daemon running (polling_interval
# 2). LUN 1 has no_path_retry 3: its writes queue, then fail after about
# three intervals (the writer gets clean I/O errors, the map stays, the
# table no longer queues), and queueing is back once a path returns. LUN 2
# has no_path_retry queue: its writes wait as long as it takes and
# complete when one path returns; every block reads back.
SC_DISKS=4
SC_MODS=sg
SC_TIMEOUT=420

sc_setup() {
	disk_new "$1/lun1.img" 32 'label: dos'
	disk_new "$1/lun2.img" 32 'label: dos'
	vm_lun "$1/lun1.img" 0x5000c50000002101 2
	vm_lun "$1/lun2.img" 0x5000c50000002102 2
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 2
	max_polling_interval 4
	no_path_retry 3
}
multipaths {
	multipath {
		wwid 35000c50000002102
		no_path_retry queue
	}
}
EOC
}
