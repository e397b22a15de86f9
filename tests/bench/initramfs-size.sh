#!/bin/bash
# tests/bench/initramfs-size.sh BUILD_DIR: the size of mpboot's initramfs
# against dracut's with its multipath module, for the QEMU tests' kernel.
# A benchmark: it prints figures and asserts nothing.
#
# dracut (Debian 12's, 059) runs inside the cached real-root tree
# (scripts/realroot.sh), chrooted in a private mount namespace, so neither
# the host nor the cached tree changes. Three comparisons:
# The tree's module folder is the real root's (rr_modules: no sound,
# graphics, media, network or input drivers), so dracut's generic image is
# smaller here than on a full Debian kernel.
#   generic   mpboot's default modules (virtio, SCSI, dm-multipath, ext4,
#             FC, SAS and iSCSI HBAs) against dracut --no-hostonly --add
#             multipath: what a distribution initramfs that can boot from
#             multipath holds
#   same      the same against dracut with only the modules a multipath
#             root needs (systemd, udev-rules, dm, multipath, rootfs-block)
#             and the same kernel drivers as mpboot's archive (--drivers)
#   virtio    both with only the test machine's drivers (virtio-scsi):
#             what each costs besides the kernel modules
# All gzip, mpboot's default.
set -u
[ $# = 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
. "$(dirname "$0")/../qemu/lib.sh"
mpboot=$(cd "$1" && pwd)/mpboot
[ -x "$mpboot" ] || die "$1/mpboot not built"
kern_fetch >/dev/null
rr_fetch
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# ours NAME ARGS...: mpboot's archive; prints its module list.
ours() {
	local name=$1
	shift
	"$TOP/initramfs/mkinitramfs" -k "$KVER" --modroot "$KERN_ROOT" \
		--mpboot "$mpboot" --root "$t" -o "$t/mpboot-$name.img" "$@" \
		>"$t/mk-$name.log" || die "mkinitramfs failed: $(cat "$t/mk-$name.log")"
	zcat "$t/mpboot-$name.img" |
		(cd "$t" && cpio -i --quiet --to-stdout etc/mpboot/modules) | tr '\n' ' '
}
drivers=$(ours generic)
ours virtio --only-modules virtio_pci,virtio_scsi,sd_mod,sg,scsi_dh_alua,dm_mod,dm_multipath,dm_round_robin,dm_service_time,crc32c_generic,ext4 >"$t/virtio.list"
cp "$t/mpboot-generic.img" "$t/mpboot-same.img"

# dracut_in_tree NAME ARGS...: run dracut in the tree; the image and its
# scratch space live on tmpfs mounts that end with the namespace.
dracut_in_tree() {
	local name=$1
	shift
	unshare -m --propagation private sh -ec '
		tree=$1 out=$2 kver=$3; shift 3
		mount -t proc proc "$tree/proc"
		mount -t sysfs sysfs "$tree/sys"
		mount --bind /dev "$tree/dev"
		mount -t tmpfs tmpfs "$tree/tmp"
		mount -t tmpfs tmpfs "$tree/var/tmp"
		chroot "$tree" dracut -q --force --gzip --kver "$kver" "$@" /tmp/out.img
		cp "$tree/tmp/out.img" "$out"' \
		sh "$RR_TREE" "$t/dracut-$name.img" "$KVER" "$@" >"$t/dracut-$name.log" 2>&1 ||
		{ echo "dracut $name failed:"; tail -n 20 "$t/dracut-$name.log"; return 1; }
}
root_modules="systemd systemd-initrd dracut-systemd udev-rules base fs-lib dm multipath rootfs-block"
dracut_in_tree generic --no-hostonly --add multipath
dracut_in_tree same --no-hostonly -m "$root_modules" --drivers "$drivers"
dracut_in_tree virtio --no-hostonly -m "$root_modules" --drivers "$(cat "$t/virtio.list")"

size() { [ -f "$1" ] && stat -c %s "$1" || echo 0; }
files() { zcat "$1" 2>/dev/null | cpio -t --quiet 2>/dev/null | wc -l; }
echo "initramfs sizes for kernel $KVER (gzip; bytes, entries):"
for n in generic same virtio; do
	o=$(size "$t/mpboot-$n.img") d=$(size "$t/dracut-$n.img")
	printf '  %-7s mpboot %9s %5s   dracut %9s %5s   mpboot/dracut %s%%\n' "$n" \
		"$o" "$(files "$t/mpboot-$n.img")" "$d" "$(files "$t/dracut-$n.img")" \
		"$(awk -v a="$o" -v b="$d" 'BEGIN { if (b) printf "%.1f", 100 * a / b; else printf "-" }')"
done
