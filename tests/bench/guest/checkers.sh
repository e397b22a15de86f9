# Guest side of tests/bench/checkers.sh (/test.sh): every way of running
# one round of path checks over all sd disks, ROUNDS times each, then
# `mpboot check` itself. Prints CHKBENCH lines for the host.
. /lib/mpt.sh
rounds=20
for arg in $(cat /proc/cmdline); do
	case $arg in bench.rounds=*) rounds=${arg#bench.rounds=} ;; esac
done
devs=$(ls /sys/block | grep '^sd' | sort)
grep -q '^sg ' /proc/modules || modprobe sg
for m in sync sg-tur sg-tur-epoll sg-read sg-read-epoll aio aio-epoll pool-4 pool-16 thread; do
	chkbench $m "$rounds" $devs || mpt_fail "chkbench-$m" "chkbench $m failed"
done
# mpboot check: setup (scan, opening every node) included; mpboot paths
# is the scan alone. timeit's line: label wall_us user_us sys_us rss_kb rc.
timeit /tmp/t paths mpboot paths >/dev/null 2>&1
echo "CHKBENCH-PATHS $(cat /tmp/t)"
timeit /tmp/t2 check mpboot check >/tmp/check.out 2>&1
echo "CHKBENCH-CHECK $(cat /tmp/t2) $(grep -c ' up ' /tmp/check.out) up of $(wc -l </tmp/check.out)"
mpt_done
