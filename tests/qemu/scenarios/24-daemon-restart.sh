# The daemon killed with SIGKILL under a writer and started again
# (polling_interval 2): the map stays as it was while no daemon runs; a
# path that failed meanwhile (offline, then running again: the kernel
# keeps it F) is reinstated by the new daemon, which adopts the map
# without changing its table; a path failed after the restart is failed
# and reinstated as usual. The writer sees no I/O error and every block
# reads back.
SC_DISKS=2
SC_MODS=sg
SC_TIMEOUT=360

sc_setup() {
	disk_new "$1/lun.img" 32 'label: dos'
	vm_lun "$1/lun.img" 0x5000c50000002401 2
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 2
	max_polling_interval 4
	path_grouping_policy multibus
}
EOC
}
