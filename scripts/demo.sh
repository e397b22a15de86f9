#!/bin/bash
# make demo: boot a Debian kernel under QEMU with one LUN seen through two
# paths, holding a root file system; mpboot assembles it, `mpboot list`
# shows it, the root partition is mounted through its partition map and
# listed, and the guest powers off. Usage: scripts/demo.sh BUILD_DIR
set -u
[ $# = 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
. "$(dirname "$0")/../tests/qemu/lib.sh"
MPBOOT=$(cd "$(dirname "$1/mpboot")" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$1/mpboot not built"
say() { printf '\n*** %s\n' "$*"; }

say "Fetching the Debian kernel (cached in ${QEMU_CACHE#$TOP/}/kernel)"
kern_fetch
echo "    kernel $KVER"
work=$QEMU_CACHE/work/demo
rm -rf "$work"; mkdir -p "$work/root/etc" "$work/root/bin" "$work/root/home"
ROOTFS=$work/rootfs

say "Building a 48 MiB disk image: DOS label, partition 1 = ext4 root file system"
echo "Welcome: this root file system was reached through dm-multipath, assembled by mpboot." >"$work/root/etc/motd"
echo demo >"$work/root/etc/hostname"
cp /bin/busybox "$work/root/bin/"
disk_new "$work/lun.img" 48 'label: dos
,40MiB,L
,,L'
disk_ext4 "$work/lun.img" 1 "$work/root" demo-root
sfdisk -l "$work/lun.img" | sed -n '/^Device/,$p' | sed 's/^/    /'

say "Building the initramfs: static mpboot ($(stat -c %s "$MPBOOT") bytes), busybox, kernel modules"
rd_stage "$ROOTFS" "$MPBOOT" "$QEMU_DIR/guest/demo.sh" >"$work/stage.log" 2>&1 ||
	die "staging failed, see $work/stage.log"
rd_pack "$ROOTFS" "$work/initrd.gz"

say "Booting QEMU (TCG, no KVM): the image is attached twice, wwn=0x5000c50015ea71ac,"
echo "    on two virtio-scsi controllers, so the guest sees two paths to one LUN"
vm_lun "$work/lun.img" 0x5000c50015ea71ac 2
vm_run "$work" "$work/initrd.gz" 120 "mpt.disks=2" &
qemu=$!
# Show the guest's console from the test's start, as it happens.
until grep -q MPT-START "$work/console.log" 2>/dev/null || ! kill -0 $qemu 2>/dev/null; do
	sleep 0.2
done
tail -n +1 -f --pid=$qemu "$work/console.log" |
	sed -n '/^MPT-START/,${/^MPT-START/d; /^MPT-DONE/d; /^MPT-OK/d; /^\[ *[0-9.]*\] reboot/d; p}'
wait $qemu
if grep -aq '^MPT-DONE 0' "$work/console.log"; then
	say "Demo finished: the guest powered off."
	exit 0
fi
say "Demo failed; the console log is $work/console.log"
exit 1
