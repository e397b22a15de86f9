#!/bin/bash
# tests/bench/run.sh BUILD_DIR [LUNSxPATHS...]: mpboot against Debian's
# multipath-tools, side by side in one QEMU boot per size (default sizes
# 1x2 16x2 64x4 256x4; `make bench-quick` runs 16x2). In each boot the two
# alternate, a full flush after each: a warm-up round, then BENCH_ROUNDS
# (default 3) measured rounds of
#   multipath, then kpartx -a -p -part on each map   (multipath-tools)
#   mpboot --once --part-delim -part                  (mpboot)
# Prints a table per size and what each tool adds to an initramfs; the
# markdown rows go to $BENCH_CACHE/report.md. No timing is asserted: exits
# 1 only when a run failed or the two tools built different numbers of
# maps or partition maps.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [LUNSxPATHS...]" >&2; exit 2; }
BUILD_DIR=$1; shift
. "$(dirname "$0")/../qemu/lib.sh"
. "$(dirname "$0")/lib.sh"
MPBOOT=$(cd "$(dirname "$BUILD_DIR/mpboot")" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$BUILD_DIR/mpboot not built"
file "$MPBOOT" | grep -q 'statically linked' || die "$MPBOOT is not static"
ROUNDS=${BENCH_ROUNDS:-3}
SIZES=${*:-1x2 16x2 64x4 256x4}
for s in $SIZES; do
	[[ $s =~ ^[1-9][0-9]*x[1-9][0-9]*$ ]] || die "size '$s' is not LUNSxPATHS (e.g. 16x2)"
	# virtio-scsi: one controller per path, LUNs 0..255 behind each.
	[ "${s%x*}" -le 256 ] || die "size '$s': at most 256 LUNs"
	[ "${s#*x}" -le 8 ] || die "size '$s': at most 8 paths"
done
# Every path opens its LUN's image: 1024 paths need more than 1024 files.
ulimit -n "$(ulimit -Hn)" 2>/dev/null
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 4096 ] ||
	die "open-file limit $(ulimit -n) is too low for 1024 image nodes (ulimit -n 4096)"

# bench_size SIZE: one boot; prints the table, returns 1 on failure.
bench_size() {
	local size=$1 luns=${1%x*} paths=${1#*x} work=$BENCH_CACHE/work/$1
	local disks timeout mem t0=$SECONDS rc
	disks=$((luns * paths))
	# Budget: boot and probe, then (1 + ROUNDS) x both tools; generous,
	# it only stops a hung guest.
	timeout=$((300 + disks * (ROUNDS + 1)))
	# About 1 MiB per disk on top of the base, for the sd and dm devices.
	mem=$((512 + disks))
	rm -rf "$work"
	mkdir -p "$work"
	VM_ARGS=() VM_NPATH=0
	bench_stage "$work" "$MPBOOT" >"$work/stage.log" 2>&1 ||
		{ echo "bench: $size: staging the initramfs failed ($work/stage.log)"; return 1; }
	bench_luns "$work" "$luns" "$paths" >>"$work/stage.log" 2>&1 ||
		{ echo "bench: $size: making the disks failed ($work/stage.log)"; return 1; }
	rd_pack "$work/rootfs" "$work/initrd.gz"
	# vm_run says -m 384; QEMU takes the last -m given.
	VM_ARGS+=(-m "$mem")
	vm_run "$work" "$work/initrd.gz" "$timeout" \
		"bench.luns=$luns bench.paths=$paths bench.rounds=$ROUNDS"
	rc=$?
	[ $rc = 124 ] && echo "bench: $size: guest timed out after ${timeout}s"
	awk -v size="$size" -v luns="$luns" -v paths="$paths" \
		-v md="$BENCH_CACHE/report.md.new" \
		-f "$BENCH_DIR/report.awk" "$work/console.log"
	rc=$?
	echo "  (boot: $((SECONDS - t0)) s on the host; console log: $work/console.log)"
	return $rc
}

kern_fetch
mt_fetch
mkdir -p "$BENCH_CACHE"
bench_timeit "$BENCH_CACHE/timeit"
host="$(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
qemu=$(qemu-system-x86_64 --version | sed -n 's/^QEMU emulator version \([^ ]*\).*/\1/p')
echo "bench: mpboot $("$MPBOOT" --version 2>/dev/null | head -n 1) vs multipath-tools $MT_VERSION"
echo "bench: host $host; QEMU $qemu TCG, 1 vCPU; kernel $KVER; $ROUNDS rounds per size"

echo
echo "What each adds to an initramfs (multipath-tools: multipath, kpartx, plug-ins, every library once):"
bench_sizes "$BENCH_CACHE/work" "$MPBOOT" >"$BENCH_CACHE/sizes.txt"
awk '{ printf "  %-16s %3d files %9d bytes, %8d bytes as gzip -9 cpio\n", $2, $3, $4, $5 }' \
	"$BENCH_CACHE/sizes.txt"
awk '{ b[$2] = $4; g[$2] = $5 }
	END { printf "  mpboot is %.1f%% of multipath-tools (%.1f%% compressed)\n",
		100 * b["mpboot"] / b["multipath-tools"], 100 * g["mpboot"] / g["multipath-tools"] }' \
	"$BENCH_CACHE/sizes.txt"

: >"$BENCH_CACHE/report.md.new"
failed=0
for s in $SIZES; do
	bench_size "$s" || failed=1
done

{
	echo "Measured $(date -u +%Y-%m-%d) on $host, QEMU $qemu TCG with 1 vCPU,"
	echo "kernel $KVER, multipath-tools $MT_VERSION; medians of $ROUNDS rounds in one boot per size."
	echo
	echo "| LUNs x paths | multipath + kpartx ms | mpboot --once ms | ratio | CPU ms (mt) | CPU ms (mpboot) | peak RSS (mt) | peak RSS (mpboot) | maps / partition maps |"
	echo "|---|---|---|---|---|---|---|---|---|"
	cat "$BENCH_CACHE/report.md.new"
	echo
	awk '{ printf "%s: %d files, %d bytes (%d as gzip -9 cpio)\n", $2, $3, $4, $5 }' "$BENCH_CACHE/sizes.txt" |
		sed 's/^/    /'
} >"$BENCH_CACHE/report.md"
rm -f "$BENCH_CACHE/report.md.new"
echo
echo "bench: markdown for README in $BENCH_CACHE/report.md"
[ $failed = 0 ] || { echo "bench: FAILED"; exit 1; }
echo "bench: done"
