# Failback with the daemon running (polling_interval 2): two LUNs, two
# paths each, path_grouping_policy failover, prio weightedpath preferring
# each LUN's first path (the guest writes multipath.conf once it knows
# the disks' names), a writer on each map. The preferred paths go offline:
# I/O moves to the other group. They come back: LUN 1 (failback
# immediate) goes back to its preferred group within an interval (plus
# slack); LUN 2 (failback manual) stays where it is until `mpboot ctl
# switchgroup` asks. The active group is read from `dmsetup status`.
SC_DISKS=4
SC_MODS=sg
SC_TIMEOUT=420

sc_setup() {
	disk_new "$1/lun1.img" 32 'label: dos'
	disk_new "$1/lun2.img" 32 'label: dos'
	vm_lun "$1/lun1.img" 0x5000c50000002201 2
	vm_lun "$1/lun2.img" 0x5000c50000002202 2
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
}
