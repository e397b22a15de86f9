# mpboot check: the path checkers on a real kernel. One LUN on three paths,
# checker_timeout 3 s. tur, readsector0, directio and hp_sw find every
# path up, rdac and emc_clariion none (QEMU has neither page 0xc9 nor
# 0xc0: "wild"); a
# path taken offline inside the guest is down without any command sent.
# Then the host hangs the third path's image (QMP: a throttle node at one
# byte per second slid under its drive; QEMU answers TEST UNIT READY
# without touching the image, so only readsector0 and directio see it):
# that path is timeout after checker_timeout while the other two answer up
# in the same run. The host lifts the throttle and every path is up again.
# Host and guest talk through a small virtio disk (the mailbox): the guest
# prints "MPT-HOST hang N" / "MPT-HOST restore", the host writes "hung" /
# "restored" into the mailbox when done.
SC_DISKS=3
SC_MODS=sg,virtio_blk
SC_TIMEOUT=300

sc_setup() {
	disk_new "$1/lun.img" 16 'label: dos
,'
	truncate -s 1M "$1/mailbox.img"
	# a serial: QEMU offers page 0x80, which hp_sw asks for, only with one
	vm_lun "$1/lun.img" 0x5000c50000001401 3 MPBOOT-CHK14
	vm_raw "$1/mailbox.img"
	# the sg driver is what tur and readsector0 talk to
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	for c in tur readsector0 directio hp_sw rdac emc_clariion; do
		printf 'defaults {\n\tchecker_timeout 3\n\tpath_checker %s\n}\n' \
			"$c" >"$ROOTFS/etc/mp-$c.conf"
	done
}

mailbox() {
	printf '%s\0' "$2" | dd of="$1/mailbox.img" conv=notrunc status=none
}

sc_during() {
	local work=$1 n
	{
		vm_wait_marker "$work" "MPT-HOST hang" 200 || exit 0
		n=$(sed -n 's/^MPT-HOST hang \([0-9]*\).*/\1/p' "$work/console.log")
		echo "host: throttling path $n to one byte per second"
		vm_throttle "$work" "$n" ||
			echo "MPT-FAIL qmp-hang: QMP refused the throttle node"
		mailbox "$work" hung
		vm_wait_marker "$work" "MPT-HOST restore" 200 || exit 0
		echo "host: restoring path $n"
		vm_unthrottle "$work" "$n" ||
			echo "MPT-FAIL qmp-restore: QMP refused to put path $n back"
		mailbox "$work" restored
	} >"$work/during.log" 2>&1
}

sc_check() {
	cat "$1/during.log"
	grep -q 'throttling path' "$1/during.log" ||
		echo "MPT-FAIL host-hang: the guest never asked for the hang"
}
