#!/bin/bash
# tests/bench/profile.sh BUILD_DIR [LUNSxPATHS]: where mpboot --once spends
# its time, in the benchmark's guest (default 64x4): a whole-system perf
# profile (kernel symbols included) and strace -c of one run. Prints the
# guest's report; output kept in build/bench/work/profile-SIZE/.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [LUNSxPATHS]" >&2; exit 2; }
BUILD_DIR=$1 size=${2:-64x4}
. "$(dirname "$0")/../qemu/lib.sh"
. "$(dirname "$0")/lib.sh"
MPBOOT=$(cd "$(dirname "$BUILD_DIR/mpboot")" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$BUILD_DIR/mpboot not built"
# build/mpboot is stripped; perf names mpboot's functions only with its
# symbols, so link the same objects again without -s.
objs=$(find "$BUILD_DIR/musl" -name '*.o' 2>/dev/null | sort)
if [ -n "$objs" ]; then
	musl-gcc -static -Wl,--gc-sections -o "$BUILD_DIR/mpboot.sym" $objs \
		-L"$TOP/build/sysroot/lib" -ldevmapper -lblkid -lkmod &&
		MPBOOT=$(cd "$BUILD_DIR" && pwd)/mpboot.sym
fi
[[ $size =~ ^[1-9][0-9]*x[1-9][0-9]*$ ]] || die "size '$size' is not LUNSxPATHS"
luns=${size%x*} paths=${size#*x} work=$BENCH_CACHE/work/profile-$size
ulimit -n "$(ulimit -Hn)" 2>/dev/null
kern_fetch
mt_fetch
mkdir -p "$BENCH_CACHE"
bench_timeit "$BENCH_CACHE/timeit"
rm -rf "$work"
mkdir -p "$work"
VM_ARGS=() VM_NPATH=0
bench_stage "$work" "$MPBOOT" "$BENCH_DIR/guest/profile.sh" >"$work/stage.log" 2>&1 ||
	die "staging failed ($work/stage.log)"
rd_add_bin "$work/rootfs" "$(command -v perf)" >>"$work/stage.log" 2>&1 &&
	rd_add_bin "$work/rootfs" "$(command -v strace)" >>"$work/stage.log" 2>&1 ||
	die "adding perf and strace failed ($work/stage.log)"
bench_luns "$work" "$luns" "$paths" >>"$work/stage.log" 2>&1 || die "disks failed"
rd_pack "$work/rootfs" "$work/initrd.gz"
VM_ARGS+=(-m $((512 + luns * paths)))
vm_run "$work" "$work/initrd.gz" $((600 + luns * paths)) \
	"bench.luns=$luns bench.paths=$paths"
tr -d '\r' <"$work/console.log" | sed -n '/^PROFILE-PERF$/,/^PROFILE-END/p'
grep -a '^MPT-FAIL' "$work/console.log"
grep -aq '^MPT-DONE 0' "$work/console.log"
