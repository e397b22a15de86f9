# Path failure under I/O. While the guest writes and reads back a pattern
# through the map, the host makes one path return EIO (QMP: a blkdebug node
# slid under that path's drive with blockdev-reopen), then puts the
# original back; later the guest takes the other path offline itself. The
# I/O never fails and the data verifies; `mpboot list` shows the failed
# path; a second `mpboot --once` leaves the maps as they were. No checker
# runs here, so dm-multipath only notices a failure on a path that carries
# I/O: the guest fails, each time, the path its I/O is going through, and
# tells the host which one ("MPT-HOST inject N", N = SCSI host = QEMU path).
SC_DISKS=2
SC_TIMEOUT=240

sc_setup() {
	disk_new "$1/lun.img" 64 'label: dos
,'
	vm_lun "$1/lun.img" 0x5000c50000005fa1 2
}

# Path N is file node fN under format node dN (see vm_lun); the controllers
# probe in PCI order, so the guest's SCSI host N is QEMU's path N.
sc_during() {
	local work=$1 n
	{
		vm_wait_marker "$work" "MPT-HOST inject" 180 || exit 0
		n=$(sed -n 's/^MPT-HOST inject \([0-9]\).*/\1/p' "$work/console.log")
		echo "host: injecting EIO under path $n"
		vm_eio "$work" "$n" ||
			echo "MPT-FAIL qmp-inject: QMP refused the blkdebug swap"
		vm_wait_marker "$work" "MPT-HOST restore" 180 || exit 0
		echo "host: restoring path $n"
		vm_eio_off "$work" "$n" ||
			echo "MPT-FAIL qmp-restore: QMP refused to put path $n back"
	} >"$work/during.log" 2>&1
}

sc_check() {
	cat "$1/during.log"
	grep -q 'injecting EIO' "$1/during.log" ||
		echo "MPT-FAIL host-inject: the guest never asked for the fault"
}
