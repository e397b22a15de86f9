# Path failure under I/O. While the guest writes and reads back a pattern
# through the map, the host makes one path return EIO (QMP: a blkdebug node
# slid under that path's drive with blockdev-reopen), then puts the
# original back; later the guest takes the other path offline itself. The
# I/O never fails and the data verifies; `mpboot list` shows the failed
# path; a second `mpboot --once` leaves the maps as they were.
SC_DISKS=2
SC_TIMEOUT=240

sc_setup() {
	disk_new "$1/lun.img" 64 'label: dos
,'
	vm_lun "$1/lun.img" 0x5000c50000005fa1 2
}

# Path 0 is file node f0 under format node d0 (see vm_lun).
sc_during() {
	local work=$1 img=$1/lun.img
	{
		vm_wait_marker "$work" "MPT-HOST inject" 180 || exit 0
		echo "host: injecting EIO under path 0"
		vm_qmp "$work" \
			'{"execute":"blockdev-add","arguments":{"driver":"blkdebug","node-name":"bd0",
			  "image":{"driver":"file","filename":"'"$img"'","locking":"off"},
			  "inject-error":[{"event":"read_aio","errno":5},{"event":"write_aio","errno":5}]}}' \
			'{"execute":"blockdev-reopen","arguments":{"options":[{"driver":"raw","node-name":"d0","file":"bd0"}]}}' ||
			echo "MPT-FAIL qmp-inject: QMP refused the blkdebug swap"
		vm_wait_marker "$work" "MPT-HOST restore" 180 || exit 0
		echo "host: restoring path 0"
		vm_qmp "$work" \
			'{"execute":"blockdev-reopen","arguments":{"options":[{"driver":"raw","node-name":"d0","file":"f0"}]}}' \
			'{"execute":"blockdev-del","arguments":{"node-name":"bd0"}}' ||
			echo "MPT-FAIL qmp-restore: QMP refused to put path 0 back"
	} >"$work/during.log" 2>&1
}

sc_check() {
	cat "$1/during.log"
	grep -q 'injecting EIO' "$1/during.log" ||
		echo "MPT-FAIL host-inject: the guest never asked for the fault"
}
