#!/bin/bash
# tests/bench/dracut.sh BUILD_DIR: dracut with mpboot's module against
# dracut with its own multipath module (multipath-tools), both in
# dracut's systemd flavour, on the same Debian real root and disks
# (scenario 34's: tests/qemu/dracut.sh, scripts/realroot.sh). A
# benchmark: it prints figures and asserts none; it fails only when a
# boot gave no figures or did not mount / from the map. Run it with
# nice -n 19 on a shared machine.
#
# Each side: its initramfs (Debian 12's dracut 059 in the real-root
# tree, --no-hostonly, the root's WWID in the wwids file for both, the
# same multipath.conf), then one boot of a fresh copy of the root's LUN
# seen through two virtio-scsi paths. The root's /mpt-test.sh
# (guest/dracut-figures.sh) prints systemd's timestamps after
# multi-user.target. Printed side by side:
#   initramfs     the image's size in bytes (dracut's default compression)
#   initrd        the initramfs' systemd started, s after the kernel did
#   switch_root   the real root's systemd started
#   multi-user    multi-user.target reached
# The multipath-tools side needs its plug-ins and udev rules named to
# dracut and multipathd.socket masked (tests/qemu/dracut.sh, DR_MAPS);
# the real root masks multipathd for both, so after switch_root only
# mpboot's daemon checks paths. The figures line is found anywhere on a
# console line (the login prompt comes first).
set -u
[ $# = 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
. "$(dirname "$0")/../qemu/lib.sh"
. "$(dirname "$0")/lib.sh"
. "$QEMU_DIR/dracut.sh"
MPBOOT=$(cd "$1" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$1/mpboot not built"
r=$(dr_missing)
[ -z "$r" ] || die "$r"
kern_fetch >/dev/null
rr_fetch
# scenario 34's LUN: the mpboot side's initramfs is that scenario's, cached
WWN=0x5000c50000003401
work=$BENCH_CACHE/dracut
rm -rf "$work"
mkdir -p "$work/add/etc/systemd/system/systemd-modules-load.service.d"
cp "$BENCH_DIR/guest/dracut-figures.sh" "$work/add/mpt-test.sh"
# scenario 34's allowances for a slow TCG guest (see there)
printf '[Service]\nTimeoutSec=infinity\n' \
	>"$work/add/etc/systemd/system/systemd-modules-load.service.d/mpt-slow-host.conf"
# The root is named by its map on both sides, as README tells dracut
# users to: with root=UUID=, the multipath-tools side mounted a path's
# partition before multipathd took the path, and the mount failed
# ("/dev/sdb1: Can't open blockdev").
append="root=/dev/disk/by-id/dm-uuid-part1-mpath-3${WWN#0x} ro rd.emergency=poweroff"
append="$append rd.timeout=1200 systemd.service_watchdogs=0"

# side NAME: the initramfs and one boot; sets size_NAME and fig_NAME.
side() {
	local name=$1 w=$work/$1
	mkdir -p "$w"
	DR_MAPS=$1 dr_image "$w/initramfs.img" systemd "3${WWN#0x}" ||
		die "dracut for the $name side failed ($w/initramfs.img.dracut.log)"
	printf -v "size_${name//-/_}" %s "$(stat -c %s "$w/initramfs.img")"
	rr_disk "$w/lun.img" "$work/add"
	VM_ARGS=() VM_NPATH=0
	vm_lun "$w/lun.img" "$WWN" 2
	echo "bench: booting the $name side ($(date +%T))"
	VM_MEM=1024 vm_run "$w" "$w/initramfs.img" 2400 "$append"
	printf -v "fig_${name//-/_}" %s \
		"$(grep -ao 'BENCH-DRACUT.*' "$w/console.log" | tail -n 1 | tr -d '\r')"
	rm -f "$w/lun.img"
	echo "bench: $name side, the real root's critical chain and slowest units:"
	grep -ao 'BENCH-\(CHAIN\|BLAME\) .*' "$w/console.log" | tr -d '\r' |
		sed 's/^BENCH-[A-Z]* /  /'
}
side mpboot
side multipath-tools

# field FIGURES KEY: one value of a BENCH-DRACUT line
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
rc=0
for s in mpboot multipath_tools; do
	f=fig_$s
	[ -n "${!f}" ] || { echo "bench: the ${s//_/-} side gave no figures ($work/${s//_/-}/console.log)"; rc=1; continue; }
	case $(field "${!f}" root) in
	part1-mpath-*) ;;
	*) echo "bench: the ${s//_/-} side did not mount / from the map: ${!f}"; rc=1 ;;
	esac
done
echo "dracut 059, systemd initramfs, real root on 1 LUN x 2 paths, kernel $KVER ($(date -u +%F); load $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '  %-30s %16s %16s\n' "" "dracut + mpboot" "dracut + mp-tools"
printf '  %-30s %16s %16s\n' "initramfs (bytes)" "$size_mpboot" "$size_multipath_tools"
for k in initrd:"initrd started (s)" switch:"switch_root (s)" multiuser:"multi-user.target (s)" failed:"failed units"; do
	printf '  %-30s %16s %16s\n' "${k#*:}" "$(field "$fig_mpboot" "${k%%:*}")" \
		"$(field "$fig_multipath_tools" "${k%%:*}")"
done
exit $rc
