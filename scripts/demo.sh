#!/bin/bash
# make demo: boot a Debian 12 root file system with systemd from one LUN
# seen through two paths, with mpboot as /init (initramfs/mkinitramfs):
# mpboot builds the map, mounts root=UUID=... through its partition map,
# starts its checker daemon and switches root; inside the real root
# `systemctl status`, `mpboot ctl show maps` and `lsblk` show the result,
# and the guest powers off. The real root is built once with debootstrap
# (minutes) and cached. Usage: scripts/demo.sh BUILD_DIR
set -u
[ $# = 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
. "$(dirname "$0")/../tests/qemu/lib.sh"
MPBOOT=$(cd "$(dirname "$1/mpboot")" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$1/mpboot not built"
say() { printf '\n*** %s\n' "$*"; }

say "Fetching the Debian kernel (cached in ${MPBOOT_CACHE})"
kern_fetch
echo "    kernel $KVER"
say "The Debian 12 real root: systemd, udev, lvm2 (scripts/realroot.sh; debootstrap the first time)"
rr_fetch
echo "    $RR_TREE"
work=$QEMU_CACHE/work/demo
rm -rf "$work"
mkdir -p "$work/add/usr/local/sbin" "$work/add/usr/lib"
cp "$MPBOOT" "$work/add/usr/local/sbin/mpboot"
cp "$QEMU_DIR/guest/lib.sh" "$work/add/usr/lib/mpt.sh"
cp "$QEMU_DIR/guest/demo.sh" "$work/add/mpt-test.sh"

say "The disk: GPT, partition 1 = the real root (ext4, UUID $RR_UUID)"
rr_disk "$work/lun.img" "$work/add"
sfdisk -l "$work/lun.img" | sed -n '/^Device/,$p' | sed 's/^/    /'

say "The initramfs: initramfs/mkinitramfs, mpboot ($(stat -c %s "$MPBOOT") bytes) as /init"
"$TOP/initramfs/mkinitramfs" -k "$KVER" --modroot "$KERN_ROOT" --mpboot "$MPBOOT" \
	--root "$work/add" -o "$work/initramfs.img" | sed 's/^/    /'

say "Booting QEMU (TCG, no KVM; minutes): the image is attached twice, wwn=0x5000c50015ea71ac,"
echo "    on two virtio-scsi controllers; root=UUID=$RR_UUID"
vm_lun "$work/lun.img" 0x5000c50015ea71ac 2
vm_run "$work" "$work/initramfs.img" 900 "root=UUID=$RR_UUID ro mpboot.timeout=120" &
qemu=$!
# The boot as it happens: mpboot's lines and systemd's targets, then the
# demo script's output.
until [ -f "$work/console.log" ] || ! kill -0 $qemu 2>/dev/null; do sleep 0.2; done
tail -n +1 -f --pid=$qemu "$work/console.log" 2>/dev/null | sed -u 's/\x1b\[[0-9;]*[mK]//g; s/\r//g' |
	sed -n -u '/MPT-START/,${/MPT-START/d; /^MPT-DONE/d; /^MPT-OK/d; p; /^==> Done/q; d}
		/mpboot/p; /Reached target.*\(multi-user\|basic\)/p; /Welcome to/p'
wait $qemu
if grep -aq 'MPT-DONE 0' "$work/console.log"; then
	say "Demo finished: the guest powered off."
	exit 0
fi
say "Demo failed; the console log is $work/console.log"
exit 1
