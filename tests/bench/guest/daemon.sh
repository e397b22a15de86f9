# Guest side of tests/bench/daemon.sh (/test.sh): the checker daemons'
# resources on the same paths in one boot. Kernel command line:
# bench.luns=L bench.paths=P bench.settle=S bench.window=W.
#
# mpboot's daemon builds the maps and checks; after S seconds (checks
# spread out) its CPU time is read over W seconds, then its memory; it is
# stopped and Debian's multipathd takes the same maps with the same
# multipath.conf, measured the same way. One DBENCH line per daemon:
#   DBENCH TOOL READY_S VMRSS_KB VMHWM_KB RSSANON_KB RSSFILE_KB CPU_TICKS WINDOW_S THREADS RUN_MS WAKEUPS
# RSSFILE_KB: RssFile + RssShmem, the program and its libraries (on the
# initramfs, a tmpfs, their pages count as shared memory).
# READY_S: from its start until it was ready (mpboot: its parent returned;
# multipathd: `multipathd show daemon` says idle or running). Over the
# window: CPU_TICKS, utime + stime of every thread (USER_HZ, 100 a second,
# sampled by the scheduler's tick); RUN_MS, the time its threads were on
# the CPU (/proc/PID/task/*/schedstat, exact); WAKEUPS, voluntary context
# switches of its threads (each a sleep in poll or a wait).
. /lib/mpt.sh
. /bench/lib.sh

for arg in $(cat /proc/cmdline); do
	case $arg in
	bench.luns=*) luns=${arg#*=} ;;
	bench.paths=*) paths=${arg#*=} ;;
	bench.settle=*) settle=${arg#*=} ;;
	bench.window=*) window=${arg#*=} ;;
	bench.only=*) only=${arg#*=} ;;
	esac
done
disks=$((luns * paths))

# uptime in hundredths of a second
now_cs() { sed 's/^\([0-9]*\)\.\([0-9][0-9]\).*/\1\2/' /proc/uptime; }
# cpu_ticks PID: utime + stime (fields 14 and 15; the name in field 2 has
# no spaces here)
cpu_ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }
# run_wake PID: "NS WAKEUPS" summed over its threads: time on the CPU and
# voluntary context switches
run_wake() {
	local t ns=0 vol=0 n v
	for t in /proc/$1/task/*; do
		read -r n rest <"$t/schedstat" && ns=$((ns + n))
		v=$(sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "$t/status")
		vol=$((vol + ${v:-0}))
	done
	echo "$ns $vol"
}
# status_kb PID FIELD: a /proc/PID/status figure in kB
status_kb() { sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" /proc/$1/status; }

# measure TOOL PID READY_CS: settle, then the window; one DBENCH line.
measure() {
	local tool=$1 pid=$2 ready=$3 c0 c1 t0 t1 r0 r1 u0 s0 u1 s1
	echo "bench: $tool (pid $pid) ready in $((ready / 100)) s; settling ${settle} s"
	sleep "$settle"
	t0=$(now_cs)
	c0=$(cpu_ticks $pid)
	read -r u0 s0 <<EOF
$(awk '{ print $14, $15 }' /proc/$pid/stat)
EOF
	r0=$(run_wake $pid)
	cat /proc/$pid/io >/tmp/io0 2>/dev/null
	sleep "$window"
	cat /proc/$pid/io >/tmp/io1 2>/dev/null
	r1=$(run_wake $pid)
	c1=$(cpu_ticks $pid)
	read -r u1 s1 <<EOF
$(awk '{ print $14, $15 }' /proc/$pid/stat)
EOF
	t1=$(now_cs)
	kill -0 $pid 2>/dev/null || { mpt_fail $tool-alive "$tool exited during the window"; return 1; }
	echo "DBENCH $tool $((ready / 100)).$((ready % 100 / 10))" \
		"$(status_kb $pid VmRSS) $(status_kb $pid VmHWM)" \
		"$(status_kb $pid RssAnon)" \
		"$(($(status_kb $pid RssFile) + $(status_kb $pid RssShmem)))" \
		"$((c1 - c0)) $(((t1 - t0) / 100)).$(((t1 - t0) % 100 / 10))" \
		"$(sed -n 's/^Threads:[[:space:]]*//p' /proc/$pid/status)" \
		"$(echo $r0 $r1 | awk '{ printf "%d %d", ($3 - $1) / 1000000, $4 - $2 }')"
	grep -E '^(Vm|Rss)' /proc/$pid/status | sed 's/^/  /'
	# where the memory is: the mappings holding 32 kB or more
	awk '/^[0-9a-f]+-[0-9a-f]+ / { name = $6 == "" ? "[anon]" : $6; range = $1 }
	     $1 == "Rss:" && $2 >= 32 { printf "  Rss %s kB %s %s\n", $2, range, name }' \
		/proc/$pid/smaps
	echo "  utime stime over the window: $((u1 - u0)) $((s1 - s0)) ticks"
	# system calls over the window, for where its CPU time goes
	paste /tmp/io0 /tmp/io1 | awk '$1 ~ /^sysc/ { printf "  %s over the window: %d\n", $1, $4 - $2 }'
}

all_active() { ! dmsetup status --target multipath | grep -q ' F '; }

bench_wait_disks || mpt_done
echo "BENCH-DISKS-READY $(cut -d' ' -f1 /proc/uptime)"

# 1. mpboot: builds the maps, returns once it checks.
t0=$(now_cs)
mpboot daemon >/tmp/mpboot-daemon.log 2>&1 || mpt_fail mpboot-daemon "exit $?: $(tail -n 3 /tmp/mpboot-daemon.log)"
ready=$(($(now_cs) - t0))
pid=$(mpt_daemon_pid)
maps=$(mpt_count_mpath)
mpt_eq mpboot-maps "maps built" "$maps" "$luns"
if [ -n "$pid" ]; then
	measure mpboot $pid $ready
	mpt_check mpboot-all-active "a path is failed" all_active
	kill -TERM $pid
	mpt_wait_for 60 sh -c "! kill -0 $pid 2>/dev/null" || mpt_fail mpboot-exit "still running"
	dmesg | grep 'mpboot\[' | tail -n 5 | sed 's/^/  mpboot| /'
else
	mpt_fail mpboot-pid "no daemon running"
fi

# BENCH_ONLY=mpboot on the host: no multipathd (quicker, for mpboot's
# own figures while working on them)
[ "${only:-}" = mpboot ] && mpt_done

# 2. multipathd on the same maps: it needs udev's database entries for
# the paths (no udev here; see /bench/udevdb.sh).
mkdir -p /run/udev/data
sh /bench/udevdb.sh
# the client gives up after 10 s: a daemon still starting may not answer
mpd_state() { timeout 10 multipathd show daemon 2>&1; }
mpd_ready() { mpd_state | grep -Eq 'idle|running'; }
t0=$(now_cs)
multipathd -d -s >/tmp/multipathd.log 2>&1 &
pid=$!
if ! bench_wait_until $((120 + disks)) mpd_ready; then
	mpt_fail multipathd-ready "not ready: $(mpd_state)"
	tail -n 20 /tmp/multipathd.log | sed 's/^/  multipathd| /'
fi
ready=$(($(now_cs) - t0))
if kill -0 $pid 2>/dev/null; then
	measure multipathd $pid $ready
	echo "  multipathd: $(timeout 30 multipathd show maps 2>/dev/null | tail -n +2 | wc -l) maps," \
		"$(timeout 30 multipathd show paths 2>/dev/null | grep -c ' ready ') paths ready"
	mpt_check multipathd-all-active "a path is failed" all_active
	timeout 30 multipathd shutdown >/dev/null 2>&1 || kill -TERM $pid
	mpt_wait_for 60 sh -c "! kill -0 $pid 2>/dev/null" || mpt_fail multipathd-exit "still running"
else
	mpt_fail multipathd-pid "no multipathd running: $(tail -n 5 /tmp/multipathd.log)"
fi
tail -n 5 /tmp/multipathd.log | sed 's/^/  multipathd| /'
mpt_done
