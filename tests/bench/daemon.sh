#!/bin/bash
# tests/bench/daemon.sh BUILD_DIR [LUNSxPATHS]: the checker daemons'
# resources, mpboot's against Debian's multipathd, on the same paths in one
# QEMU boot (default 256x4: 1024 sd disks, four virtio-scsi controllers
# with 256 LUNs each). Both run with the bench's multipath.conf and
# polling_interval 5 (max_polling_interval 20). Each daemon is left
# BENCH_SETTLE seconds (default 90: its checks spread out over a few
# max_polling_interval periods), then its CPU time is measured over
# BENCH_WINDOW seconds (default 120) and its memory read (VmRSS, VmHWM
# from /proc/PID/status). multipathd gets its client multipathc and the
# libgcc_s that glibc loads for thread cancellation. Prints the figures
# side by side; the markdown table goes to $BENCH_CACHE/daemon.md.
# BENCH_ONLY=mpboot leaves multipathd out; BENCH_ICOUNT=N counts
# instructions for time (see below).
# Asserts no figure: exits 1 only when a daemon did not run or the guest
# failed.
set -u
[ $# -le 2 ] && [ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [LUNSxPATHS]" >&2; exit 2; }
BUILD_DIR=$1
SIZE=${2:-256x4}
. "$(dirname "$0")/../qemu/lib.sh"
. "$(dirname "$0")/lib.sh"
MPBOOT=$(cd "$(dirname "$BUILD_DIR/mpboot")" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$BUILD_DIR/mpboot not built"
[[ $SIZE =~ ^[1-9][0-9]*x[1-8]$ ]] && [ "${SIZE%x*}" -le 256 ] ||
	die "size '$SIZE' is not LUNSxPATHS with at most 256 LUNs and 8 paths"
SETTLE=${BENCH_SETTLE:-90}
WINDOW=${BENCH_WINDOW:-120}
ulimit -n "$(ulimit -Hn)" 2>/dev/null

luns=${SIZE%x*} paths=${SIZE#*x}
disks=$((luns * paths))
work=$BENCH_CACHE/work/daemon-$SIZE
kern_fetch
mt_fetch
mkdir -p "$BENCH_CACHE"
bench_timeit "$BENCH_CACHE/timeit"
rm -rf "$work"
mkdir -p "$work"
VM_ARGS=() VM_NPATH=0
{
	bench_stage "$work" "$MPBOOT" "$BENCH_DIR/guest/daemon.sh" &&
		mt_stage "$work/rootfs" "$MT_ROOT/sbin/multipathd" "$MT_ROOT/sbin/multipathc" &&
		cp -L /lib/$MT_MULTIARCH/libgcc_s.so.1 "$work/rootfs/lib/$MT_MULTIARCH/" &&
		kern_install "$work/rootfs" $KERN_MODULES sg &&
		sed -i 's/^defaults {$/&\n\tpolling_interval 5/' "$work/rootfs/etc/multipath.conf" &&
		bench_luns "$work" "$luns" "$paths"
} >"$work/stage.log" 2>&1 || die "staging failed ($work/stage.log)"
grep -q 'polling_interval 5' "$work/rootfs/etc/multipath.conf" || die "no polling_interval in multipath.conf"
rd_pack "$work/rootfs" "$work/initrd.gz"
VM_ARGS+=(-m $((512 + disks)))
# BENCH_ICOUNT=N: the guest's clock counts instructions (2^N ns each), so
# CPU figures measure the daemons' own work, not the host's load nor
# QEMU's device emulation
[ -n "${BENCH_ICOUNT:-}" ] && VM_ARGS+=(-icount "shift=$BENCH_ICOUNT,sleep=on")
host="$(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
qemu=$(qemu-system-x86_64 --version | sed -n 's/^QEMU emulator version \([^ ]*\).*/\1/p')
echo "bench: checker daemons, $SIZE ($disks sd disks), polling_interval 5; settle ${SETTLE} s, window ${WINDOW} s"
echo "bench: mpboot $("$MPBOOT" --version 2>/dev/null | head -n 1) vs multipathd $MT_VERSION;" \
	"host $host; QEMU $qemu TCG, 1 vCPU; kernel $KVER"
# Guest CPU time under TCG includes the host's time away from the vCPU:
# a busy host inflates every CPU figure, both daemons' alike.
echo "bench: host load before: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$SECONDS
vm_run "$work" "$work/initrd.gz" $((900 + 2 * disks + 2 * (SETTLE + WINDOW))) \
	"mpt.mods=sg bench.luns=$luns bench.paths=$paths bench.settle=$SETTLE bench.window=$WINDOW bench.only=${BENCH_ONLY:-all}"
rc=$?
[ $rc = 124 ] && echo "bench: guest timed out"
log=$work/console.log
grep -a -E '^(MPT-FAIL|bench:|  (Vm|Rss|multipathd|mpboot|utime|sysc))' "$log"
awk -v size="$SIZE" -v md="$BENCH_CACHE/daemon.md" -v date="$(date -u +%Y-%m-%d)" \
	-v host="$host" -v qemu="$qemu" -v kver="$KVER" -v mt="$MT_VERSION" '
	$1 == "DBENCH" {
		n++; tool[n] = $2; ready[n] = $3; rss[n] = $4; hwm[n] = $5
		anon[n] = $6; file[n] = $7; cpu[n] = $8 / $9; thr[n] = $10
		run[n] = $11 / 10 / $9; wake[n] = $12 / $9
	}
	function row(fmt, i) {
		return sprintf(fmt, tool[i] == "multipathd" ? "multipathd " mt : tool[i],
			ready[i], rss[i], hwm[i], anon[i], file[i], cpu[i], run[i], wake[i], thr[i])
	}
	END {
		if (n == 0) { print "bench: no figures"; exit 1 }
		printf "\n%-28s %7s %9s %9s %8s %8s %7s %7s %8s %7s\n", "daemon", "ready s",
			"VmRSS kB", "VmHWM kB", "anon kB", "prog kB", "CPU %", "run %", "wakeup/s", "threads"
		for (i = 1; i <= n; i++)
			print row("%-28s %7s %9d %9d %8d %8d %7.2f %7.2f %8.1f %7d", i)
		printf "Measured %s on %s, QEMU %s TCG with 1 vCPU, kernel %s;\n", date, host, qemu, kver > md
		printf "%s LUNs x paths, polling_interval 5; CPU over the measured window, as %% of one core.\n\n", size > md
		printf "| daemon | ready s | VmRSS kB | VmHWM kB | anon kB | program kB | CPU %% (ticks) | run %% (schedstat) | wakeups/s | threads |\n" > md
		printf "|---|---|---|---|---|---|---|---|---|---|\n" > md
		for (i = 1; i <= n; i++)
			print row("| %s | %s | %d | %d | %d | %d | %.2f | %.2f | %.1f | %d |", i) > md
	}' "$log" || rc=1
echo "bench: host load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  (boot: $((SECONDS - t0)) s on the host; console log: $log; markdown: $BENCH_CACHE/daemon.md)"
grep -aq '^MPT-DONE 0' "$log" || { echo "bench: FAILED"; exit 1; }
echo "bench: done"
