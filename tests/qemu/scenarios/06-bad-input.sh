# Bad input: a multipath.conf with an unknown keyword, a bad value and an
# unclosed section; a LUN whose DOS table points past the end of the disk;
# two paths to a disk with no WWID (no wwn=). Each gets a clear message,
# everything else is assembled, and --once exits 0: the no-WWID disk is
# skipped, not a failure. An explicit -c naming a missing file is a
# configuration error (exit 2). A bindings file with a NUL on one line:
# its other lines still name their LUN, no new name is handed out (a LUN
# it does not bind is named by its WWID) and the file is not written.
SC_DISKS=6

sc_setup() {
	local work=$1
	disk_new "$work/good.img" 16 'label: dos
,'
	disk_new "$work/garbage.img" 16 'label: dos
,'
	# Partition 1: start 2048, 0x7fffffff sectors (1 TiB on a 16 MiB disk);
	# partition 2: overlaps it, type 0x83, start beyond the end.
	printf '\x00\x00\x00\x00\x83\x00\x00\x00\x00\x08\x00\x00\xff\xff\xff\x7f' |
		dd of="$work/garbage.img" bs=1 seek=446 conv=notrunc status=none
	printf '\x00\x00\x00\x00\x83\x00\x00\x00\x00\x00\x00\x10\x00\x00\x01\x00' |
		dd of="$work/garbage.img" bs=1 seek=462 conv=notrunc status=none
	disk_new "$work/nowwid.img" 16 'label: dos
,'
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	no_such_keyword yes
	path_grouping_policy sideways
	user_friendly_names yes
}
blacklist {
	devnode "^nothing$"
EOC
	mkdir -p "$ROOTFS/etc/multipath"
	printf 'mpathb 35000c50000006b02\nmpatha 3600\000x\n' \
		>"$ROOTFS/etc/multipath/bindings"
	vm_lun "$work/good.img" 0x5000c50000006a01 2
	vm_lun "$work/garbage.img" 0x5000c50000006b02 2
	vm_lun "$work/nowwid.img" - 2
}
