# The profiling guest's /test.sh: where mpboot --once spends its time, on
# the same disks as the benchmark. A warm-up run, then one run under perf
# (kernel and user samples, whole system) and one under strace -c, with a
# flush before each.
. /lib/mpt.sh
for arg in $(cat /proc/cmdline); do
	case $arg in
	bench.luns=*) luns=${arg#*=} ;;
	bench.paths=*) paths=${arg#*=} ;;
	esac
done
disks=$((luns * paths))
i=0
while [ "$(ls /sys/block | grep -c '^sd')" -lt $disks ] && [ $i -lt $((300 + disks)) ]; do
	sleep 1
	i=$((i + 1))
done
sleep 5

mpboot --once --part-delim -part >/dev/null 2>&1 || mpt_fail warm-up "mpboot --once failed"
dmsetup remove_all
echo "PROFILE-PERF"
perf record -q -e cpu-clock -F 2000 -a -g -o /tmp/perf.data \
	mpboot --once --part-delim -part >/dev/null 2>&1 || mpt_fail perf "perf record failed"
perf report -i /tmp/perf.data --stdio --no-children --sort dso,sym -g none \
	--percent-limit 0.7 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 60
echo "PROFILE-PERF-CHILDREN"
perf report -i /tmp/perf.data --stdio --children --sort sym -g none \
	--percent-limit 4 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 60
echo "PROFILE-PERF-CALLERS"
perf report -i /tmp/perf.data --stdio --no-children --sort sym -G \
	--percent-limit 3 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 150
echo "PROFILE-PERF-COMM"
perf report -i /tmp/perf.data --stdio --no-children --sort comm -g none \
	2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 10
dmsetup remove_all
echo "PROFILE-STRACE"
strace -c -f -o /tmp/strace.txt mpboot --once --part-delim -part >/dev/null 2>&1
head -n 30 /tmp/strace.txt
dmsetup remove_all
echo "PROFILE-STRACE-DRY"
strace -c -f -o /tmp/strace.txt mpboot --dry-run --part-delim -part >/dev/null 2>&1
head -n 20 /tmp/strace.txt
echo "PROFILE-END"
mpt_done
