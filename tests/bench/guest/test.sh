# The benchmark guest's /test.sh (busybox sh), run by tests/qemu/guest/init.
# Kernel command line: bench.luns=L bench.paths=P bench.rounds=R.
#
# Waits for the L*P disks and their partitions, then alternates the two
# tools in one boot, a full flush after each: round 0 is a warm-up of both
# (printed, left out of the medians by the host), rounds 1..R are measured.
# Every timing is one line of /bin/timeit; the host reads them back from
# the console between BENCH-RESULTS and BENCH-END, with the maps and
# partition maps each tool left behind (BENCH-COUNT).
. /lib/mpt.sh
. /bench/lib.sh

for arg in $(cat /proc/cmdline); do
	case $arg in
	bench.luns=*) luns=${arg#*=} ;;
	bench.paths=*) paths=${arg#*=} ;;
	bench.rounds=*) rounds=${arg#*=} ;;
	esac
done
disks=$((luns * paths))
res=/tmp/results

# bench_count TOOL ROUND: the multipath maps and partition maps now loaded.
bench_count() {
	local d u maps=0 parts=0
	for d in /sys/block/dm-*; do
		[ -e "$d/dm/uuid" ] || continue
		read -r u <"$d/dm/uuid"
		case $u in
		mpath-*) maps=$((maps + 1)) ;;
		part*-mpath-*) parts=$((parts + 1)) ;;
		esac
	done
	echo "BENCH-COUNT $1 $2 $maps $parts"
}

# bench_flush ROUND AFTER: the same full flush after either tool, timed;
# nothing may be left.
bench_flush() {
	local left
	timeit $res "flush-$2 $1" dmsetup remove_all >/tmp/flush.log 2>&1 ||
		mpt_fail "flush-$2-$1" "dmsetup remove_all: $(cat /tmp/flush.log)"
	left=$(ls /sys/block | grep -c '^dm-')
	[ "$left" = 0 ] || mpt_fail "flush-$2-$1" "$left dm devices left"
}

# bench_log NAME FILE ROUND: show a tool's output once (round 0), else only
# when it failed.
bench_log() {
	if [ "$3" = 0 ] || [ "$4" != 0 ]; then
		echo "--- $1 round $3 (exit $4), first lines:"
		head -n 8 "$2" | sed 's/^/  | /'
	fi
}

bench_wait_disks || mpt_done
read -r up rest </proc/uptime
echo "BENCH-DISKS-READY $up"
echo "BENCH-MEM $(sed -n 's/^MemTotal: *//p' /proc/meminfo)"

# What udev would have done for multipath-tools: a database entry per sd
# disk (multipath only considers initialized devices). An empty file is
# enough: multipath reads VPD 0x83 from sysfs itself.
mkdir -p /run/udev/data
timeit $res "udevdb 0" sh /bench/udevdb.sh

r=0
while [ $r -le $rounds ]; do
	timeit $res "mt-multipath $r" multipath >/tmp/mp.log 2>&1
	rc=$?
	bench_log multipath /tmp/mp.log $r $rc
	[ $rc = 0 ] || mpt_fail "multipath-$r" "exit $rc"
	timeit $res "mt-kpartx $r" sh /bench/kpartx-all.sh >/tmp/kp.log 2>&1
	rc=$?
	bench_log kpartx /tmp/kp.log $r $rc
	[ $rc = 0 ] || mpt_fail "kpartx-$r" "exit $rc"
	bench_count mt $r
	bench_flush $r mt

	timeit $res "mpboot $r" mpboot --once --part-delim -part >/tmp/mpb.log 2>&1
	rc=$?
	bench_log mpboot /tmp/mpb.log $r $rc
	[ $rc = 0 ] || mpt_fail "mpboot-$r" "exit $rc"
	bench_count mpboot $r
	bench_flush $r mpboot

	# Where mpboot's time goes: the same scan and plan, no device-mapper.
	timeit $res "mpboot-dry $r" mpboot --dry-run --part-delim -part >/tmp/dry.log 2>&1
	rc=$?
	[ $rc = 0 ] || { bench_log "mpboot --dry-run" /tmp/dry.log $r $rc; mpt_fail "mpboot-dry-$r" "exit $rc"; }
	r=$((r + 1))
done

echo "BENCH-RESULTS"
cat $res
echo "BENCH-END"
mpt_done
