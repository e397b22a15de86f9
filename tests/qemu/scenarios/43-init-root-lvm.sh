# The root on LVM on a multipath partition (issue 13): a small busybox
# root in the logical volume vg/root, whose one physical volume is GPT
# partition 1 of a LUN seen on two paths. Boot 1 (the test harness's own
# initramfs, busybox and lvm) makes the volume group on the partition map
# and copies the root file system into the LV from a plain virtio disk.
# Boot 2 is the initramfs mkinitramfs --lvm makes, mpboot as /init, with
# root=/dev/mapper/vg-root; boot 3 the same with root=/dev/vg/root and
# rd.lvm.vg=vg. The root's /sbin/init (43-init-root-lvm.guest, also the
# test of boot 1) checks that / is the LV on the partition map and that
# LVM in the root sees the map, never a path, as the physical volume.
SC_DISKS=2
SC_TIMEOUT=150
SC_BOOTS=3
SC_MODS=virtio_blk
LVM_WWN=0x5000c50015ea7143

sc_setup() {
	local work=$1 f
	rr_fetch	# Debian's lvm and its libraries come from the real root
	"$TOP/initramfs/mkinitramfs" -k "$KVER" --modroot "$KERN_ROOT" \
		--mpboot "$MPBOOT" --lvm --lvm-root "$RR_TREE" --compress none \
		--only-modules virtio_pci,virtio_scsi,sd_mod,scsi_dh_alua,scsi_dh_emc,scsi_dh_rdac,scsi_dh_hp_sw,dm_mod,dm_multipath,dm_round_robin,dm_service_time,dm_queue_length,crc32c_generic,ext4 \
		-o "$work/initramfs.img" || return 1
	# the same lvm, libraries and lvm.conf in the harness's tree and in
	# the real root
	root_stage "$work/root" "$MPBOOT" "$QEMU_DIR/scenarios/43-init-root-lvm.guest"
	for d in "$ROOTFS" "$work/root"; do
		(cd "$d" && cpio -idm --quiet 'sbin/lvm' 'lib/x86_64-linux-gnu/*' \
			'lib64/*' 'etc/lvm/*' <"$work/initramfs.img") || return 1
	done
	# the root file system, copied into the LV by boot 1
	truncate -s 24M "$work/rootfs.ext4"
	mke2fs -q -F -t ext4 -L lvroot -d "$work/root" "$work/rootfs.ext4" ||
		return 1
	rd_pack "$ROOTFS" "$work/initrd.gz"
	disk_new "$work/lun.img" 64 'label: gpt
type=E6D6D379-F507-44C2-A23C-238F2A3DF928'
	vm_lun "$work/lun.img" "$LVM_WWN" 2
	vm_raw "$work/rootfs.ext4"
}

# mptarg: a word the kernel does not know goes to init's argv
sc_before_boot() {
	local work=$1
	case $2 in
	1) SC_INITRD=$work/initrd.gz SC_APPEND= ;;
	2) SC_INITRD=$work/initramfs.img
	   SC_APPEND="root=/dev/mapper/vg-root mpboot.timeout=30 printk.devkmsg=on mptarg" ;;
	3) SC_APPEND="root=/dev/vg/root rd.lvm.vg=vg mpboot.timeout=30 printk.devkmsg=on mptarg" ;;
	esac
}
