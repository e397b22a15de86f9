#!/bin/sh
# Regular expressions in the static binary (musl), which the unit tests
# (glibc) do not run: backreferences and costly repetition are refused
# with a message naming the line, exactly as in the glibc build, and no
# pattern makes `mpboot config` take long.
#   tests/config/regex.sh BUILD_DIR
# Prints "N passed, N failed".
build=${1:-build}
mpboot=$build/mpboot
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { printf "FAIL %s\n" "$*"; fail=$((fail + 1)); }

[ -x "$mpboot" ] || { echo "regex: $mpboot is not built"; echo "0 passed, 1 failed"; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/etc"
# one rule per line, line N+1 of the file holds rule N
cat >"$root/etc/multipath.conf" <<'EOF'
blacklist {
	wwid "(0)(0)\2"
	wwid "a++++++++++++++++++++++++++++++++b"
	wwid "((a{0,15}){0,15}){0,15}"
	wwid "x{256}"
	wwid "^3600(0)\1?"
	wwid "^36001405[0-9a-f]{2}(0|1)$"
	wwid "[\2]x"
}
EOF

# The reason each line must be refused for; "" means kept.
expect() {
	case $1 in
	2|6) echo "backreferences" ;;
	3) echo "stacked repetition" ;;
	4) echo "too costly" ;;
	5) echo "bound above 255" ;;
	*) echo "" ;;
	esac
}

# A pattern that takes musl seconds to compile shows up as a timeout.
if ! timeout 30 "$mpboot" --root "$root" config >"$root/out" 2>"$root/err"; then
	bad "mpboot config failed or took over 30 s:"
	cat "$root/err"
fi
for line in 2 3 4 5 6 7 8; do
	rule=$(sed -n "${line}p" "$root/etc/multipath.conf" | sed 's/^\t//')
	why=$(expect "$line")
	if [ -n "$why" ]; then
		if grep -q "multipath.conf:$line: bad regular expression .*$why" "$root/err" &&
			! grep -qF "$rule" "$root/out"; then
			ok
		else
			bad "line $line ($rule): not refused for $why"
		fi
	elif grep -qF "$rule	# /etc/multipath.conf:$line" "$root/out"; then
		ok
	else
		bad "line $line ($rule): not kept"
	fi
done
if grep -v "bad regular expression" "$root/err" | grep -q .; then
	bad "unexpected messages:"
	cat "$root/err"
fi
echo "regex: $pass passed, $fail failed (static binary)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
