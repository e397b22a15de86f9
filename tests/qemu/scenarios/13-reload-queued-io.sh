# A reload while I/O is queued: a map that queues (no_path_retry queue,
# queue_without_daemon yes) loses every path, a writer blocks in the queued
# I/O, then one path comes back and `mpboot --once` reloads the map for a
# changed configuration. The reload must hand the queued write to the new
# table (a resume without flush) instead of failing it: the write ends
# without EIO, the data reads back, and the map is not left suspended.
SC_DISKS=2

sc_setup() {
	disk_new "$1/lun.img" 16 'label: dos'
	vm_lun "$1/lun.img" 0x5000c5000000a0d1 2
}
