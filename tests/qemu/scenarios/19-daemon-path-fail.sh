# The checker daemon under a path failure, with a writer running the whole
# time on the map (one LUN, two paths, directio, polling_interval 2): the
# path carrying the I/O fails from outside, first with EIO (QMP: blkdebug
# under its drive), then by being unplugged (device_del) and plugged back
# (device_add), then from inside (its SCSI device offline, then running).
# Each time the kernel shows it F after the failure and the daemon puts it
# back (A) within one polling interval (plus slack) of its return; the
# writer sees no I/O error and every block reads back. The guest asks the
# host for each fault (guest/lib.sh mpt_host, lib.sh vm_serve).
SC_DISKS=2
SC_MODS=sg,virtio_blk
SC_TIMEOUT=420

sc_setup() {
	disk_new "$1/lun.img" 64 'label: dos'
	vm_lun "$1/lun.img" 0x5000c50000001901 2
	vm_mailbox "$1"
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 2
	max_polling_interval 4
	path_checker directio
}
EOC
}

sc_during() { vm_serve "$1" >"$1/during.log" 2>&1; }
sc_check() { cat "$1/during.log"; }
