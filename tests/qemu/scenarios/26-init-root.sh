# mpboot as /init (issue 13): the root file system is on partition 1 of a
# LUN seen through two paths, named root=UUID=...; mpboot builds the map
# and its partition maps as the paths appear, mounts the partition map,
# starts the daemon and switches root. The real root's /sbin/init (the
# .guest file) checks what it got and powers off. The second boot names
# the root by its GPT partition name, read from the map's partition table.
# A second LUN beside it is not the root's: the daemon is ready with the
# root's LUN alone and builds that one afterwards (decision 87).
SC_DISKS=4
SC_TIMEOUT=180
SC_BOOTS=2
ROOT_UUID=2a6b5d1e-26f0-4c1a-9e7d-0b5c2a1e2600

sc_setup() {
	local work=$1
	root_stage "$work/root" "$MPBOOT" "$QEMU_DIR/scenarios/26-init-root.guest"
	disk_new "$work/lun.img" 64 'label: gpt
size=40MiB, type=L, name=mpbootroot
type=L'
	disk_ext4 "$work/lun.img" 1 "$work/root" realroot "$ROOT_UUID"
	rd_mpboot_init "$ROOTFS"
	# ext4 needs crc32c, which the kernel would ask a modprobe for
	printf '# storage the root needs (ext4 itself comes as fs-ext4)\ncrc32c_generic\n' \
		>"$ROOTFS/etc/mpboot/modules"
	vm_lun "$work/lun.img" 0x5000c50015ea7126 2
	disk_new "$work/lun2.img" 8 'label: gpt
type=L'
	vm_lun "$work/lun2.img" 0x5000c50015ea7226 2
}

# mptarg: a word the kernel does not know goes to init's argv
sc_before_boot() {
	local root=UUID=$ROOT_UUID
	[ "$2" = 2 ] && root=PARTLABEL=mpbootroot
	SC_APPEND="root=$root mpboot.timeout=60 printk.devkmsg=on mptarg"
}
