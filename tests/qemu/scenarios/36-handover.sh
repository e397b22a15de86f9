# The hand-over to multipathd (issue 14): scenario 34's boot (dracut,
# systemd flavour, mpboot's module) of a real root with multipath-tools
# enabled (multipathd.service and .socket unmasked, multipathd at -v3 so
# its journal says what it does to each map) and no multipath.conf:
# multipathd runs with find_multipaths strict, its default. Boot 1 has no
# wwids file: mpboot's daemon must add the root's WWID once / is writable,
# before multipathd starts, or multipathd would leave the root map's
# paths unchecked. Boot 2 finds the WWID there. Each boot, after
# multi-user.target: mpboot's daemon has exited, `multipathd show paths`
# lists both paths of the map with a checker state, multipathd left the
# map as it was (ACT_NOTHING, no reload, rename or group switch), the
# wwids file holds the WWID, no unit failed, and a path failed from QMP
# is failed and reinstated by multipathd. Run by hand (boot 1) with the
# real-root helpers: the WWID was added, multipathd took both paths and
# mpboot exited; multipathd reloaded the map ("udev incomplete": no
# MPATH_DEVICE_READY, now set by the module's 62-mpboot.rules, not rerun)
# and, with tur, never saw the EIO fault (now directio, not rerun).
. "$QEMU_DIR/dracut.sh"
SC_DISKS=2
SC_BOOTS=2
SC_TIMEOUT=1200
SC_MEM=1024
RR_WWN=0x5000c50000003601
SC_APPEND="root=/dev/disk/by-id/dm-uuid-part1-mpath-3${RR_WWN#0x} ro rd.emergency=poweroff rd.timeout=300"
SC_PENDING="the writer across the whole boot and the faults during switch_root and multipathd's start are not written yet"

sc_skip() { local r; r=$(dr_missing); [ -n "$r" ] && echo "$r"; }

sc_setup() {
	local work=$1 add=$1/add u
	rr_fetch
	mkdir -p "$add/usr/lib" "$add/etc/systemd/system/multipathd.service.d"
	cp "$QEMU_DIR/guest/lib.sh" "$add/usr/lib/mpt.sh"
	cp "$QEMU_DIR/scenarios/36-handover.guest" "$add/mpt-test.sh"
	printf 'WWID=3%s\nUUID=%s\n' "${RR_WWN#0x}" "$RR_UUID" >"$add/etc/mpt-test.env"
	# unmasked: the units themselves in place of the links to /dev/null
	for u in multipathd.service multipathd.socket; do
		cp "$RR_TREE/lib/systemd/system/$u" "$add/etc/systemd/system/$u"
	done
	# multipathd's checker as the initramfs' (directio sees QEMU's EIO
	# faults); find_multipaths stays its default, strict
	printf '%s' "$DR_MULTIPATH_CONF" >"$add/etc/multipath.conf"
	printf '[Service]\nExecStart=\nExecStart=/sbin/multipathd -d -s -v3\n' \
		>"$add/etc/systemd/system/multipathd.service.d/mpt-verbose.conf"
	rr_disk "$work/lun.img" "$add"
	vm_lun "$work/lun.img" "$RR_WWN" 2
	vm_mailbox "$work"
	dr_image "$work/initramfs.img" systemd || return 1
	SC_INITRD=$work/initramfs.img
}

sc_during() { vm_serve "$1" >"$1/during-$(date +%s).log" 2>&1; }
sc_check() { cat "$1"/during-*.log; }
