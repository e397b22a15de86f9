# mpboot udev-db after mpboot --once: the udev database entries a real
# root's udev, systemd and LVM need (ARCHITECTURE.md, decision 39) for
# each map, partition map and path; a map without a usable path is
# marked not ready and not probed; udev's own entries are kept.
SC_DISKS=4

sc_setup() {
	local work=$1 start
	disk_new "$work/lun.img" 24 'label: dos
label-id: 0x5eedf00d
,12MiB,L
,,L'
	mkdir -p "$work/p1"
	echo root >"$work/p1/hello"
	disk_ext4 "$work/lun.img" 1 "$work/p1" mpbroot
	start=$(sfdisk -d "$work/lun.img" |
		sed -n "s|^$work/lun.img1 : start= *\([0-9]*\),.*|\1|p")
	blkid -p -O $((start * 512)) -o value -s UUID "$work/lun.img" \
		>"$ROOTFS/etc/fs.uuid"
	disk_new "$work/dead.img" 8 'label: dos
,'
	vm_lun "$work/lun.img" 0x5000c50015ea7130 2
	vm_lun "$work/dead.img" 0x5000c50015ea7131 2
}
