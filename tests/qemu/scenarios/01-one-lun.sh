# One LUN, two paths: mpboot --once builds exactly one map named and
# identified by the WWID, with both paths, plus its partition maps; the
# bytes the host wrote into partition 2 read back through the partition map.
SC_DISKS=2

sc_setup() {
	local work=$1
	disk_new "$work/lun.img" 24 'label: dos
,8MiB,L
,,L'
	mkdir -p "$work/p1"
	echo "written by the host" >"$work/p1/hello"
	disk_ext4 "$work/lun.img" 1 "$work/p1"
	head -c 2097152 /dev/urandom >"$work/pattern"
	disk_write "$work/lun.img" 2 "$work/pattern"
	md5sum <"$work/pattern" | cut -d' ' -f1 >"$ROOTFS/etc/pattern.md5"
	vm_lun "$work/lun.img" 0x5000c50015ea71ac 2
}
