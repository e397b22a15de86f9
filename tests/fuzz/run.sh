#!/bin/sh
# Run the libFuzzer targets one after the other, each for FUZZ_RUNS
# executions or FUZZ_SECONDS seconds, whichever comes first, from its
# seeds (tests/fuzz/seeds/NAME) and its working corpus
# ($BUILD/fuzz/NAME.corpus, kept between runs), at the lowest priority.
# Prints one line per target: executions, seconds, executions per second
# and findings (crash, leak, timeout and out-of-memory inputs, saved as
# $BUILD/fuzz/NAME-crash-* and so on). A target's libFuzzer options beyond those are in
# its source, on a line "FUZZ_OPTIONS: ...". Exits 1 when anything was
# found. Usage: tests/fuzz/run.sh [NAME...] (default: every target built).
set -u
BUILD=${BUILD:-build}
FUZZ_RUNS=${FUZZ_RUNS:-10000000}
FUZZ_SECONDS=${FUZZ_SECONDS:-300}
# A small quarantine: the default 256 MB makes every allocation of an
# input touch fresh pages (fuzz_config runs 4 times slower); 16 MB still
# holds far more than one input frees.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2

if [ $# -eq 0 ]; then
	set -- $(ls tests/fuzz/fuzz_*.c | sed 's|.*/||; s|\.c$||')
fi
found=0
# What libFuzzer saved of a target's failures (slow units are no failure).
findings() {
	ls "$BUILD/fuzz/" | grep -cE "^$1-(crash|leak|timeout|oom)-"
}
printf '%-16s %12s %8s %9s %s\n' target executions seconds 'exec/s' findings
for n in "$@"; do
	n=${n#tests/fuzz/}; n=${n%.c}
	bin=$BUILD/fuzz/$n
	if [ ! -x "$bin" ]; then
		echo "$n: $bin not built (make fuzz-build)" >&2
		found=1
		continue
	fi
	corpus=$BUILD/fuzz/$n.corpus
	log=$BUILD/fuzz/$n.log
	mkdir -p "$corpus"
	seeds=; [ -d tests/fuzz/seeds/$n ] && seeds=tests/fuzz/seeds/$n
	opts=$(sed -n 's/.*FUZZ_OPTIONS: *\(.*[^ ]\) *\*\/.*/\1/p; s/.*FUZZ_OPTIONS: *\([^*]*[^ *]\) *$/\1/p' tests/fuzz/$n.c | head -n 1)
	case $opts in *max_len*) ;; *) opts="$opts -max_len=4096" ;; esac
	before=$(findings "$n")
	start=$(date +%s)
	nice -n 19 "$bin" -runs="$FUZZ_RUNS" -max_total_time="$FUZZ_SECONDS" \
		-print_final_stats=1 -artifact_prefix="$BUILD/fuzz/$n-" \
		$opts "$corpus" $seeds >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	new=$(($(findings "$n") - before))
	[ $rc -ne 0 ] && [ $new -eq 0 ] && new=1
	printf '%-16s %12s %8s %9s %s\n' "$n" "${runs:-?}" "$secs" "${rate:-?}" "$new"
	if [ $new -ne 0 ]; then
		found=1
		grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" | sed 's/^/  | /'
	fi
done
exit $found
