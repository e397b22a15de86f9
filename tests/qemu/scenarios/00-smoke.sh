# The harness itself, independent of mpboot: the kernel boots, the modules
# load, one LUN shows up as two sd paths with the WWN we gave, and a
# multipath map built by hand with dmsetup reads the data the host wrote.
SC_DISKS=2
SC_TIMEOUT=90

sc_setup() {
	local work=$1
	disk_new "$work/lun.img" 16 'label: dos
,4MiB,L
,,L'
	head -c 1048576 /dev/urandom >"$work/pattern"
	disk_write "$work/lun.img" 2 "$work/pattern"
	md5sum <"$work/pattern" | cut -d' ' -f1 >"$ROOTFS/etc/pattern.md5"
	vm_lun "$work/lun.img" 0x5000c50015ea71ac 2
}
