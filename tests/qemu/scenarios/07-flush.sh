# mpboot flush: removes a map and its partition maps when nothing uses
# them; refuses (non-zero) while a partition is mounted and leaves every
# map intact; after umount, flushing everything leaves no map.
SC_DISKS=4

sc_setup() {
	local work=$1
	mkdir -p "$work/p1"
	echo "still here" >"$work/p1/hello"
	disk_new "$work/a.img" 24 'label: dos
,8MiB,L
,,L'
	disk_ext4 "$work/a.img" 1 "$work/p1"
	disk_new "$work/b.img" 16 'label: gpt
,'
	vm_lun "$work/a.img" 0x5000c50000007a01 2
	vm_lun "$work/b.img" 0x5000c50000007b02 2
}
