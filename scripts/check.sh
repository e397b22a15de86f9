#!/bin/sh
# Every test: unit tests (host build with sanitizers), then the real-kernel
# QEMU scenarios. Ends with the sum of both: "N passed, N failed, N skipped".
#   scripts/check.sh BUILD_DIR
build=${1:-build}
pass=0 fail=0 skip=0

# tally LOG: add the last "N passed, N failed[, N skipped]" line of LOG.
tally() {
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "check: $2 printed no summary: counted as one failure"
		fail=$((fail + 1))
		return
	fi
	p=$(echo "$line" | grep -oE '[0-9]+ passed' | cut -d' ' -f1)
	f=$(echo "$line" | grep -oE '[0-9]+ failed' | cut -d' ' -f1)
	s=$(echo "$line" | grep -oE '[0-9]+ skipped' | cut -d' ' -f1)
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + ${s:-0}))
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT

make --no-print-directory BUILD="$build" unit 2>&1 | tee "$log"
tally "$log" unit

# the static binary against what multipath-tools does (tests/config/)
for t in tests/config/*.sh; do
	"$t" "$build" 2>&1 | tee "$log"
	tally "$log" "$t"
done

# the initramfs generator: same inputs, same bytes
tests/initramfs/reproducible.sh "$build" 2>&1 | tee "$log"
tally "$log" tests/initramfs/reproducible.sh

# make install into a temporary DESTDIR, and make uninstall
tests/install/install.sh "$build" 2>&1 | tee "$log"
tally "$log" tests/install/install.sh

if [ -x tests/qemu/run.sh ]; then
	# two boots side by side by default: TCG keeps one core busy per guest
	QEMU_JOBS=${QEMU_JOBS:-$(nproc)} tests/qemu/run.sh "$build" 2>&1 | tee "$log"
	tally "$log" qemu
else
	echo "qemu: skipped: tests/qemu/run.sh is not there yet"
	skip=$((skip + 1))
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
