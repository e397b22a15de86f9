#!/bin/sh
# Run every unit-test binary given and add up their "N passed, N failed".
pass=0 fail=0
for t in "$@"; do
	echo "== $(basename "$t")"
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
	line=$(printf '%s\n' "$out" | grep '^[0-9]* passed, [0-9]* failed$' | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $(basename "$t"): exited $rc without a summary (crash?)"
		fail=$((fail + 1))
		continue
	fi
	p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "FAIL $(basename "$t"): exited $rc"
		fail=$((fail + 1))
	fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" = 0 ]
