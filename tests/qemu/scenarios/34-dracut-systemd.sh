# The Debian real root (scripts/realroot.sh: systemd, udev, lvm2,
# multipath-tools with multipathd masked) booted through a dracut
# initramfs in dracut's systemd flavour with mpboot's module (made by the
# real root's own dracut 059, tests/qemu/dracut.sh): to multi-user.target
# with no failed unit, the map's by-id and by-uuid links, / on the
# partition map, and mpboot's daemon, started in the initramfs as
# @mpboot, still checking paths after multi-user.target: a path failed
# from QMP (EIO) is failed in the kernel and reinstated once it works
# again, twice. The root is named by its map (README, "dracut": no udev
# rule marks the member paths in the initramfs yet, so root=UUID= can be
# mounted from a path before the map exists).
. "$QEMU_DIR/dracut.sh"
SC_DISKS=2
SC_TIMEOUT=1200
SC_MEM=1024
RR_WWN=${RR_WWN:-0x5000c50000003401}
SC_APPEND="root=/dev/disk/by-id/dm-uuid-part1-mpath-3${RR_WWN#0x} ro rd.emergency=poweroff rd.timeout=300"
DR_FLAVOUR=${DR_FLAVOUR:-systemd}

sc_skip() { local r; r=$(dr_missing); [ -n "$r" ] && echo "$r"; }

sc_setup() {
	local work=$1 add=$1/add
	rr_fetch
	mkdir -p "$add/usr/lib" "$add/etc"
	cp "$QEMU_DIR/guest/lib.sh" "$add/usr/lib/mpt.sh"
	cp "$QEMU_DIR/scenarios/34-dracut-systemd.guest" "$add/mpt-test.sh"
	printf 'WWID=3%s\nUUID=%s\n' "${RR_WWN#0x}" "$RR_UUID" >"$add/etc/mpt-test.env"
	rr_disk "$work/lun.img" "$add"
	vm_lun "$work/lun.img" "$RR_WWN" 2
	vm_mailbox "$work"
	dr_image "$work/initramfs.img" "$DR_FLAVOUR" || return 1
	SC_INITRD=$work/initramfs.img
}

sc_during() { vm_serve "$1" >"$1/during.log" 2>&1; }
sc_check() { cat "$1/during.log"; }
