# A flapping path held back with the daemon running (directio, polling
# interval 2), a writer on each map. LUN 1 sets san_path_err_threshold 2,
# _forget_rate 30, _recovery_time 20; LUN 2 the deprecated
# delay_watch_checks 30 / delay_wait_checks 5, which multipath-tools 0.9.4
# reads as threshold 1, forget_rate 30, recovery_time 5 x
# max_polling_interval = 20 s. One path of each LUN fails with EIO (QMP:
# blkdebug) and comes back: LUN 1's three times, LUN 2's the last two,
# so that both are held from the same return (LUN 1's third, LUN 2's
# second). A held path stays failed in the kernel and `delayed` in
# `mpboot ctl show paths`, and is reinstated no earlier than
# recovery_time after its return. The other path carries the I/O: no
# error reaches the writers.
SC_DISKS=4
SC_MODS=sg,virtio_blk
SC_TIMEOUT=420

sc_setup() {
	disk_new "$1/lun1.img" 32 'label: dos'
	disk_new "$1/lun2.img" 32 'label: dos'
	vm_lun "$1/lun1.img" 0x5000c50000003901 2
	vm_lun "$1/lun2.img" 0x5000c50000003902 2
	vm_mailbox "$1"
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
}

# eio / eio_off with several paths: one request for all of them, so
# that they fail and return together.
sc39_do() {
	local work=$1 req=$2 n
	shift 2
	for n; do vm_do "$work" $req $n || return 1; done
}
sc_during() { vm_serve "$1" sc39_do >"$1/during.log" 2>&1; }
sc_check() { cat "$1/during.log"; }
