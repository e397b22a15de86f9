# mpboot as /init with rd.multipath=0: no map is built and the root is a
# partition of a plain single-path disk, named by its GPT partition UUID.
SC_DISKS=1
SC_TIMEOUT=150
ROOT_PARTUUID=4f3c9d2a-1b7e-4e55-8a0d-27a1e2b30027

sc_setup() {
	local work=$1
	root_stage "$work/root" "$MPBOOT" "$QEMU_DIR/scenarios/27-init-plain.guest"
	disk_new "$work/disk.img" 48 "label: gpt
size=40MiB, type=L, uuid=$ROOT_PARTUUID, name=plainroot"
	disk_ext4 "$work/disk.img" 1 "$work/root" plainroot
	rd_mpboot_init "$ROOTFS"
	printf 'crc32c_generic\next4\n' >"$ROOTFS/etc/mpboot/modules"
	vm_lun "$work/disk.img" 0x5000c50015ea7127 1
	SC_APPEND="root=PARTUUID=$ROOT_PARTUUID rd.multipath=0 rw printk.devkmsg=on"
}
