# A real root through mpboot's initramfs: Debian 12 with systemd, udev,
# lvm2 and multipath-tools (scripts/realroot.sh, cached) in GPT partition 1
# of one LUN seen on two paths, booted with root=/dev/mapper/WWID-part1
# (the partition map's name with the delimiter of the real root's kpartx
# rule, decision 91) from the archive initramfs/mkinitramfs makes, mpboot
# as /init. The real root's
# mpt-test.service runs 31-realroot.guest after multi-user.target: systemd
# running with no failed unit, the map's by-id and by-uuid links, / on the
# partition map, and the daemon started in the initramfs answering
# `mpboot ctl show paths` under the name @mpboot. A second LUN (two paths,
# one partition), which the daemon builds after switch_root (decision 87),
# must get its by-id links from the real root's udev as the root's LUN,
# and again once its maps are removed and the daemon makes them anew
# under the running udev (as for a LUN that comes after the boot).
SC_DISKS=4
SC_TIMEOUT=900
RR_WWN=0x5000c50000003101
DATA_WWN=0x5000c50000003102
SC_APPEND="root=/dev/mapper/3${RR_WWN#0x}-part1 ro mpboot.timeout=120"

sc_setup() {
	local work=$1 add=$1/add
	rr_fetch
	mkdir -p "$add/usr/local/sbin" "$add/usr/lib" "$add/etc"
	cp "$MPBOOT" "$add/usr/local/sbin/mpboot"
	cp "$QEMU_DIR/guest/lib.sh" "$add/usr/lib/mpt.sh"
	cp "$QEMU_DIR/scenarios/31-realroot.guest" "$add/mpt-test.sh"
	printf 'WWID=3%s\nUUID=%s\nDATA_WWID=3%s\n' "${RR_WWN#0x}" "$RR_UUID" \
		"${DATA_WWN#0x}" >"$add/etc/mpt-test.env"
	rr_disk "$work/lun.img" "$add"
	vm_lun "$work/lun.img" "$RR_WWN" 2
	disk_new "$work/data.img" 16 'label: dos
start=2048, type=83'
	vm_lun "$work/data.img" "$DATA_WWN" 2
	# the partition delimiter of the real root's udev rules, as
	# mkinitramfs reads it from --root / on a host (decision 91)
	"$TOP/initramfs/mkinitramfs" -k "$KVER" --modroot "$KERN_ROOT" \
		--mpboot "$MPBOOT" --root "$add" -o "$work/initramfs.img" \
		--part-delim "$("$MPBOOT" --root "$RR_TREE" part-delim)" || return 1
	SC_INITRD=$work/initramfs.img
}
