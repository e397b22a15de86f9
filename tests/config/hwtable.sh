#!/bin/bash
# The built-in hardware table against the multipath-tools Debian ships:
# Debian's `multipath -t` (downloaded and unpacked like the benchmark does,
# never installed) prints its built-in configuration; its devices section
# and the blacklist device entries it derives from product_blacklist are
# read back by `mpboot config` as a user configuration, so both sides go
# through the same parser and printer, and every entry and every attribute
# mpboot represents must come out the same as mpboot's own. Attributes
# mpboot does not use are listed, not compared.
#   tests/config/hwtable.sh BUILD_DIR
# Prints "N passed, N failed, N skipped"; without the package (offline) it
# says "skipped: why".
set -u
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-build}
mpboot=$build/mpboot
MPBOOT_CACHE=${MPBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mpboot}

skip() {
	echo "hwtable: skipped: $*"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
}
# mt_fetch calls die when a download or unpacking fails
die() { skip "$*"; }

[ -x "$mpboot" ] || { echo "hwtable: $mpboot is not built"; echo "0 passed, 1 failed"; exit 1; }

. "$TOP/tests/bench/lib.sh"
mt_fetch

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/etc"
# multipath -t merges the host's own configuration into what it prints:
# with one, run it where an empty file and folder hide it
if [ -e /etc/multipath.conf ] || [ -d /etc/multipath/conf.d ]; then
	: >"$work/empty.conf"
	mkdir -p "$work/empty.d"
	export MT_ROOT MT_MULTIARCH
	unshare -m sh -c '
		{ [ ! -e /etc/multipath.conf ] ||
			mount --bind "$1/empty.conf" /etc/multipath.conf; } &&
		{ [ ! -d /etc/multipath/conf.d ] ||
			mount --bind "$1/empty.d" /etc/multipath/conf.d; } &&
		LD_LIBRARY_PATH=$MT_ROOT/lib:$MT_ROOT/usr/lib/$MT_MULTIARCH \
			"$MT_ROOT/sbin/multipath" -t' sh "$work" \
		>"$work/mt.conf" 2>"$work/mt.err" ||
		skip "the host's /etc/multipath.conf cannot be hidden from multipath -t: $(head -n 3 "$work/mt.err")"
else
	LD_LIBRARY_PATH=$MT_ROOT/lib:$MT_ROOT/usr/lib/$MT_MULTIARCH \
		"$MT_ROOT/sbin/multipath" -t >"$work/mt.conf" 2>"$work/mt.err" ||
		skip "multipath -t failed: $(head -n 3 "$work/mt.err")"
fi

# multipath -t's blacklist device entries and devices section, as the
# user's multipath.conf
awk '
	/^blacklist \{/ { print; sect = "bl"; next }
	/^devices \{/ { print; sect = "dev"; next }
	/^\}/ { if (sect != "") print; sect = ""; next }
	sect == "bl" && /^\tdevice \{/ { dev = 1 }
	sect == "dev" || (sect == "bl" && dev) { print }
	sect == "bl" && /^\t\}/ { dev = 0 }
' "$work/mt.conf" >"$work/root/etc/multipath.conf"

"$mpboot" --root "$work/root" -v 3 config >"$work/mpboot.conf" 2>"$work/mpboot.err"
rc=$?
pass=0 fail=0
if [ "$rc" != 0 ]; then
	echo "FAIL mpboot config exited $rc:"; cat "$work/mpboot.err"
	fail=$((fail + 1))
fi

# Entries of one section, one line each: its attributes joined by "|",
# "hwtable" or "file" first (the origin comment of its "device {" line).
entries() {
	awk -v sect="$1" '
		$0 == sect " {" { in_s = 1; next }
		in_s && /^\}/ { in_s = 0 }
		!in_s { next }
		/^\tdevice \{/ {
			origin = ($0 ~ /# hwtable$/) ? "hwtable" : "file"
			line = ""; next
		}
		/^\t\}/ { print origin " " line; next }
		/^\t\t/ {
			sub(/^\t\t/, ""); sub(/\t# .*$/, "")
			line = line (line == "" ? "" : "|") $0
		}
	' "$work/mpboot.conf"
}

# compare SECTION: the built-in entries against multipath -t's, in order
compare() {
	local what=$1 n_mt n_hw
	entries "$what" | sed -n 's/^hwtable //p' >"$work/hw.$what"
	entries "$what" | sed -n 's/^file //p' >"$work/mt.$what"
	n_hw=$(wc -l <"$work/hw.$what")
	n_mt=$(wc -l <"$work/mt.$what")
	if [ "$n_mt" = 0 ]; then
		echo "FAIL $what: no entries read from multipath -t"
		fail=$((fail + 1))
		return
	fi
	if [ "$n_hw" != "$n_mt" ]; then
		echo "FAIL $what: mpboot has $n_hw built-in entries, multipath-tools $n_mt"
		fail=$((fail + 1))
	fi
	while IFS= read -r line; do
		case $line in
		'< '*) echo "  mpboot only:         ${line#< }" ;;
		'> '*) echo "  multipath-tools only: ${line#> }" ;;
		esac
	done < <(diff "$work/hw.$what" "$work/mt.$what")
	local same
	same=$(paste -d '\n' "$work/hw.$what" "$work/mt.$what" |
		awk 'NR % 2 { a = $0; next } a == $0 { n++ } END { print n + 0 }')
	pass=$((pass + same))
	fail=$((fail + n_mt - same))
	echo "$what: $same of $n_mt entries as in multipath-tools $MT_VERSION"
}
compare devices
compare blacklist

# what multipath-tools sets and mpboot does not use
notused=$(sed -n "s/.*: '\\(.*\\)' is not used by mpboot$/\\1/p" "$work/mpboot.err" |
	sort | uniq -c | awk '{ printf "%s%s (%d)", sep, $2, $1; sep = ", " }')
[ -z "$notused" ] || echo "not used by mpboot, not compared: $notused"
# anything else mpboot said about the table or multipath -t's text is wrong
if grep -v "is not used by mpboot$" "$work/mpboot.err" | grep -q .; then
	echo "FAIL mpboot complained:"
	grep -v "is not used by mpboot$" "$work/mpboot.err" | head -n 20
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
