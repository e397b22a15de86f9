# The Debian real root (scripts/realroot.sh: systemd, udev, lvm2,
# multipath-tools with multipathd masked) booted through a dracut
# initramfs in dracut's systemd flavour with mpboot's module (made by the
# real root's own dracut 059, tests/qemu/dracut.sh): to multi-user.target
# with no failed unit, the map's by-id and by-uuid links, / on the
# partition map, and mpboot's daemon, started in the initramfs as
# @mpboot, still checking paths after multi-user.target: a path failed
# from QMP (EIO) is failed in the kernel and reinstated once it works
# again, twice. The root is named root=UUID=, which a path's partition
# carries too: 40-mpboot-path.rules marks the paths in the initramfs, so
# only the map's partition can be mounted. The root's WWID is in the
# initramfs's wwids file, as on a machine installed on that map.
. "$QEMU_DIR/dracut.sh"
SC_DISKS=2
SC_TIMEOUT=2400
SC_MEM=1024
RR_WWN=${RR_WWN:-0x5000c50000003401}
# A TCG guest on a loaded host is slow past systemd's own limits: in the
# real root, mounting debugfs took 68 s in a passing run, while
# systemd-modules-load has TimeoutSec=90s and journald a 3 min watchdog.
# In the shell flavour both start in the real root (in the systemd one
# they ran in the initramfs and are kept), and a run failed with them.
# So the real root's service watchdogs are off and modules-load waits as
# long as it needs; the root device may take 20 min (a systemd initramfs
# took 3 min 45 s to start udevd and ran out of rd.timeout=300 before the
# map was built); SC_TIMEOUT bounds the whole boot.
SC_APPEND="root=UUID=$RR_UUID ro rd.emergency=poweroff rd.timeout=1200 systemd.service_watchdogs=0"
DR_FLAVOUR=${DR_FLAVOUR:-systemd}

sc_skip() { local r; r=$(dr_missing); [ -n "$r" ] && echo "$r"; }

sc_setup() {
	local work=$1 add=$1/add
	rr_fetch
	mkdir -p "$add/usr/lib" "$add/etc"
	cp "$QEMU_DIR/guest/lib.sh" "$add/usr/lib/mpt.sh"
	cp "$QEMU_DIR/scenarios/34-dracut-systemd.guest" "$add/mpt-test.sh"
	mkdir -p "$add/etc/systemd/system/systemd-modules-load.service.d"
	printf '[Service]\nTimeoutSec=infinity\n' \
		>"$add/etc/systemd/system/systemd-modules-load.service.d/mpt-slow-host.conf"
	printf 'WWID=3%s\nUUID=%s\n' "${RR_WWN#0x}" "$RR_UUID" >"$add/etc/mpt-test.env"
	rr_disk "$work/lun.img" "$add"
	vm_lun "$work/lun.img" "$RR_WWN" 2
	vm_mailbox "$work"
	dr_image "$work/initramfs.img" "$DR_FLAVOUR" "3${RR_WWN#0x}" || return 1
	SC_INITRD=$work/initramfs.img
}

sc_during() { vm_serve "$1" >"$1/during.log" 2>&1; }
sc_check() { cat "$1/during.log"; }
