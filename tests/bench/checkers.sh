#!/bin/bash
# tests/bench/checkers.sh BUILD_DIR [LUNSxPATHS...]: what a round of path
# checks costs each way the checker daemon could run them (tests/bench/
# chkbench.c: mpboot's async sg and AIO checkers, a fixed thread pool, a
# thread per check, sequential SG_IO), in one QEMU guest per size (default
# 32x2 and 128x2: 64 and 256 sd disks). Prints the CHKBENCH lines; asserts
# nothing. ARCHITECTURE.md ("Checkers") holds the figures it gave.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [LUNSxPATHS...]" >&2; exit 2; }
BUILD_DIR=$1; shift
. "$(dirname "$0")/../qemu/lib.sh"
. "$(dirname "$0")/lib.sh"
MPBOOT=$(cd "$(dirname "$BUILD_DIR/mpboot")" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$BUILD_DIR/mpboot not built"
ROUNDS=${BENCH_ROUNDS:-20}
KHDR=$(ls -d "$MPBOOT_CACHE"/deps-*/kernel-headers 2>/dev/null | head -n 1)
ulimit -n "$(ulimit -Hn)" 2>/dev/null

kern_fetch
mkdir -p "$BENCH_CACHE"
bench_timeit "$BENCH_CACHE/timeit"
musl-gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Os -static -s -I"$TOP/src" \
	-ffunction-sections -fdata-sections -Wl,--gc-sections \
	${KHDR:+-isystem "$KHDR"} -o "$BENCH_CACHE/chkbench" \
	"$BENCH_DIR/chkbench.c" "$TOP"/src/checker/*.c "$TOP/src/dm/prio.c" \
	"$TOP/src/scan/sgio.c" \
	"$TOP/src/daemon/pathstate.c" "$TOP/src/scan/sysfs.c" \
	"$TOP/src/util/fs.c" "$TOP/src/util/str.c" "$TOP/src/log.c" \
	-lpthread || die "building chkbench failed"

for size in ${*:-32x2 128x2}; do
	luns=${size%x*} paths=${size#*x} work=$BENCH_CACHE/work/chk-$size
	disks=$((luns * paths))
	rm -rf "$work"
	mkdir -p "$work"
	VM_ARGS=() VM_NPATH=0
	rd_stage "$work/rootfs" "$MPBOOT" "$BENCH_DIR/guest/checkers.sh" \
		>"$work/stage.log" 2>&1 || die "staging failed ($work/stage.log)"
	kern_install "$work/rootfs" $KERN_MODULES sg >>"$work/stage.log" 2>&1 ||
		die "adding sg failed"
	cp "$BENCH_CACHE/timeit" "$BENCH_CACHE/chkbench" "$work/rootfs/bin/"
	bench_luns "$work" "$luns" "$paths" >>"$work/stage.log" 2>&1 ||
		die "making the disks failed ($work/stage.log)"
	rd_pack "$work/rootfs" "$work/initrd.gz"
	VM_ARGS+=(-m $((512 + disks)))
	vm_run "$work" "$work/initrd.gz" $((600 + disks * 4)) \
		"mpt.disks=$disks mpt.mods=sg bench.rounds=$ROUNDS"
	echo "== $size ($disks sd disks, $ROUNDS rounds; console: $work/console.log)"
	grep -a -E '^(CHKBENCH|MPT-FAIL)' "$work/console.log"
done
