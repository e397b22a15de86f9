#!/bin/bash
# tests/bench/boot.sh BUILD_DIR [LUNSxPATHS...]: time to root through
# mpboot as /init, default 1x2 and 256x4 (a benchmark: it prints figures
# and asserts none). One boot per size: LUN 0 holds a small busybox root
# (ext4 in GPT partition 1, root=UUID=..., its WWID in mpboot.wwid= as an
# installed system has it in its wwids file), the other LUNs the bench's
# 8 MiB image with two partitions, every LUN seen through PATHS
# virtio-scsi controllers. The initramfs is initramfs/mkinitramfs's.
# BENCH_BEFORE=MPBOOT boots each size with that binary too, first, so an
# older build's figures come from the same run on the same host. The
# root's /sbin/init prints, from the kernel's clock (seconds since the
# kernel started):
#   mounted   mpboot's "root ... mounted on /sysroot" in the kernel's log
#   switch    the real init running (after the daemon is ready and the
#             udev entries are written)
#   maps      the multipath maps that exist at switch (root first: the
#             root's LUN, and what the daemon built meanwhile)
#   disks     the sd disks the kernel had announced by then
#   attached  when the kernel attached the first and the last of them
#             ("Attached SCSI disk"): the root cannot come before the
#             first, and the kernel's scan of the others is not mpboot's
#   all       when every LUN had its map with all its paths (looked at
#             every 0.5 s from the switch on; given up after 600 s)
#   allmaps   the multipath maps then, allpaths their paths
# The init mode's lines of each boot are kept in its work directory
# (mpboot.log; BENCH_APPEND='mpboot.verbose=4' adds one line a look with
# where its time went). Run it with nice -n 19 on a shared machine.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [LUNSxPATHS...]" >&2; exit 2; }
BUILD_DIR=$1; shift
[ $# -gt 0 ] || set -- 1x2 256x4
. "$(dirname "$0")/../qemu/lib.sh"
. "$(dirname "$0")/lib.sh"
MPBOOT=$(cd "$BUILD_DIR" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$MPBOOT not built"
kern_fetch
ROOT_UUID=2a6b5d1e-26f0-4c1a-9e7d-0b5c2a1eb007
ROOT_WWID=35000c5000b000000	# bench_luns' WWN of LUN 0

# boot_size SIZE MPBOOT LABEL
boot_size() {
	local size=$1 mpboot=$2 label=$3 luns=${1%x*} paths=${1#*x} disks
	local work=$BENCH_CACHE/boot-$1-$3
	rm -rf "$work"
	mkdir -p "$work"
	VM_ARGS=()
	bench_luns "$work" "$luns" "$paths"
	cat >"$work/init.sh" <<'EOS'
#!/bin/sh
export PATH=/bin:/sbin
read -r up _ </proc/uptime
mount -t tmpfs tmpfs /tmp
mounted=$(dmesg | sed -n 's/^\[ *\([0-9.]*\)\] mpboot\[1\]: root .* mounted on \/sysroot.*/\1/p' | head -n 1)
maps=$(for u in /sys/block/dm-*/dm/uuid; do cat "$u"; done | grep -c '^mpath-')
disks=$(ls -d /sys/block/sd* | wc -l)
attached=$(dmesg | sed -n 's/^\[ *\([0-9.]*\)\] .*Attached SCSI disk.*/\1/p' | sed -n '1p;$p' | paste -sd-)
# every LUN on its map with all its paths (the kernel may still be
# attaching disks at the switch: they join their maps as they come)
members() {
	allmaps=0 allpaths=0
	for d in /sys/block/dm-*; do
		case $(cat "$d/dm/uuid") in mpath-*) ;; *) continue ;; esac
		set -- "$d"/slaves/*
		allmaps=$((allmaps + 1)) allpaths=$((allpaths + $#))
	done
	[ "$allmaps" -eq "$want_maps" ] && [ "$allpaths" -eq "$want_paths" ]
}
n=0
until members || [ $n -ge 1200 ]; do sleep 0.5; n=$((n + 1)); done
read -r all _ </proc/uptime
# the init mode's own lines (its looks at mpboot.verbose=4), for mpboot.log
dmesg | grep 'mpboot\[1\]:' | sed 's/^/BOOT-LOG /'
echo "BOOT-FIGURES mounted=$mounted switch=$up maps=$maps disks=$disks attached=$attached all=$all allmaps=$allmaps allpaths=$allpaths"
poweroff -f
EOS
	sed -i "2i want_maps=$luns want_paths=$((luns * paths))" "$work/init.sh"
	root_stage "$work/root" "$mpboot" "$work/init.sh"
	disk_new "$work/lun0.img" 16 'label: gpt
type=L'
	disk_ext4 "$work/lun0.img" 1 "$work/root" bootroot "$ROOT_UUID"
	"$TOP/initramfs/mkinitramfs" -k "$KVER" --modroot "$KERN_ROOT" \
		--mpboot "$mpboot" --compress none \
		--only-modules virtio_pci,virtio_scsi,sd_mod,scsi_dh_alua,scsi_dh_emc,scsi_dh_rdac,scsi_dh_hp_sw,dm_mod,dm_multipath,dm_round_robin,dm_service_time,dm_queue_length,crc32c_generic,ext4 \
		-o "$work/initramfs.img" >"$work/mkinitramfs.log" 2>&1 ||
		die "mkinitramfs failed ($work/mkinitramfs.log)"
	disks=$((luns * paths))
	VM_MEM=$((512 + disks)) vm_run "$work" "$work/initramfs.img" \
		$((300 + 2 * disks)) "root=UUID=$ROOT_UUID mpboot.wwid=$ROOT_WWID mpboot.timeout=600 printk.devkmsg=on log_buf_len=4M ${BENCH_APPEND:-}"
	grep -a '^BOOT-LOG ' "$work/console.log" | sed 's/^BOOT-LOG //' >"$work/mpboot.log"
	fig=$(grep -a '^BOOT-FIGURES' "$work/console.log" | tail -n 1)
	[ -n "$fig" ] || { echo "boot $size $label: no figures (console: $work/console.log)"; return 1; }
	echo "boot $size $label: ${fig#BOOT-FIGURES }"
}

echo "bench: boot, mpboot $("$MPBOOT" --version 2>/dev/null | head -n 1)${BENCH_BEFORE:+ against $("$BENCH_BEFORE" --version 2>/dev/null | head -n 1) (before)}; host $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
for s; do
	[ -n "${BENCH_BEFORE:-}" ] && boot_size "$s" "$BENCH_BEFORE" before
	boot_size "$s" "$MPBOOT" after
done
echo "bench: host load after: $(cut -d' ' -f1-3 /proc/loadavg)"
