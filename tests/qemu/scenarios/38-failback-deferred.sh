# Failback followover and N seconds with the daemon running (polling
# interval 2), a writer on each map; the active group is read from
# `dmsetup status`. LUN 1 (followover) has three paths grouped by
# priority: A1 and A2 preferred (weightedpath 50), B alone in group 2.
# LUN 2 (failback 10) has a preferred path P and another O (failover).
# Every preferred path goes offline, then A1 and P come back together:
# LUN 1 goes back to group 1 at once (A1 is the first of its group to
# return), LUN 2 only 10 s after its check saw P back (a flap of P starts
# the wait over). Then LUN 1 is switched to group 2 by hand: followover
# keeps it there, even when A2 fails and returns, since A1 never went.
SC_DISKS=5
SC_MODS=sg
SC_TIMEOUT=300

sc_setup() {
	disk_new "$1/lun1.img" 32 'label: dos'
	disk_new "$1/lun2.img" 32 'label: dos'
	vm_lun "$1/lun1.img" 0x5000c50000003801 3
	vm_lun "$1/lun2.img" 0x5000c50000003802 2
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
}
