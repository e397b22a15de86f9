# A reload while I/O is queued: a map that queues (no_path_retry queue,
# queue_without_daemon yes) loses every path and a writer blocks in the
# queued I/O; then `mpboot --once` reloads the map, once for a changed
# configuration after a path came back, once because a path it had left
# out (offline when the map was built) came back. The reload must hand the
# queued write to the new table (a resume without flush) instead of
# failing it: the write ends without EIO, the data reads back, and the map
# is not left suspended.
SC_DISKS=2

sc_setup() {
	disk_new "$1/lun.img" 16 'label: dos'
	vm_lun "$1/lun.img" 0x5000c5000000a0d1 2
}
