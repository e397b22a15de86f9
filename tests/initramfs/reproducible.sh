#!/bin/bash
# tests/initramfs/reproducible.sh BUILD_DIR: initramfs/mkinitramfs gives the
# same bytes from the same inputs, whatever the files' times, inode numbers
# and owners on the host, and the archive holds what the init mode reads.
# Uses the QEMU tests' Debian kernel (cached); skips without it.
# Prints "initramfs: N passed, N failed, N skipped".
set -u
[ $# = 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
. "$(dirname "$0")/../qemu/lib.sh"
mk=$TOP/initramfs/mkinitramfs
mpboot=$(cd "$1" && pwd)/mpboot
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
check() { local n=$1 w=$2; shift 2; if "$@"; then ok "$n"; else bad "$n" "$w"; fi; }

if ! (kern_fetch) >/dev/null 2>&1; then
	echo "initramfs: 0 passed, 0 failed, 1 skipped (no Debian kernel: apt-get download failed)"
	exit 0
fi
kern_fetch >/dev/null
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# Two copies of the module tree and of mpboot, made at different times:
# other mtimes, other inode numbers, other owners.
mkdir -p "$t/a/lib/modules" "$t/b/lib/modules" "$t/etc/multipath"
cp -r "$KERN_ROOT/lib/modules/$KVER" "$t/a/lib/modules/"
cp "$mpboot" "$t/mpboot-a"
printf 'defaults {\n\tuser_friendly_names yes\n}\n' >"$t/etc/multipath.conf"
echo "mpatha 3600140512345678" >"$t/etc/multipath/bindings"
sleep 1
cp -r "$KERN_ROOT/lib/modules/$KVER" "$t/b/lib/modules/"
cp "$mpboot" "$t/mpboot-b"
chown -R 1:1 "$t/b" "$t/mpboot-b" 2>/dev/null
touch -d @1234567890 "$t/mpboot-b"

build() { # NAME MODROOT MPBOOT [ARGS...]
	local n=$1 root=$2 bin=$3
	shift 3
	"$mk" -k "$KVER" --modroot "$root" --mpboot "$bin" --root "$t" \
		-o "$t/$n.img" "$@" >"$t/$n.log" 2>&1
}
check build-a "mkinitramfs failed: $(cat "$t/a.log" 2>/dev/null)" build a "$t/a" "$t/mpboot-a"
check build-b "mkinitramfs failed" build b "$t/b" "$t/mpboot-b"
sa=$(sha256sum <"$t/a.img" | cut -d' ' -f1)
sb=$(sha256sum <"$t/b.img" | cut -d' ' -f1)
check same-bytes "sha256 $sa then $sb" [ "$sa" = "$sb" ]
SOURCE_DATE_EPOCH=1700000000 build c "$t/a" "$t/mpboot-a"
sc=$(sha256sum <"$t/c.img" | cut -d' ' -f1)
check epoch-used "SOURCE_DATE_EPOCH changed nothing" [ "$sa" != "$sc" ]
check size-printed "no size line: $(cat "$t/a.log")" grep -q "a.img: [0-9]* bytes" "$t/a.log"

# What is inside: GNU cpio reads the archive the script wrote itself.
zcat "$t/a.img" | (mkdir "$t/x" && cd "$t/x" && cpio -idm --quiet 2>/dev/null)
check cpio-reads "cpio could not unpack it" [ -f "$t/x/init" ]
check init-is-mpboot "/init differs from mpboot" cmp -s "$t/x/init" "$mpboot"
check init-mode "/init is not executable" [ -x "$t/x/init" ]
check dev-console "no /dev/console node" [ -c "$t/x/dev/console" ]
check initrd-release "no /etc/initrd-release" [ -f "$t/x/etc/initrd-release" ]
check config "multipath.conf not taken from --root" cmp -s "$t/x/etc/multipath.conf" "$t/etc/multipath.conf"
check bindings "bindings not taken from --root" cmp -s "$t/x/etc/multipath/bindings" "$t/etc/multipath/bindings"
list=$(tr '\n' ' ' <"$t/x/etc/mpboot/modules")
check module-list "dm_multipath, sd_mod, scsi_dh_alua not listed: $list" \
	grep -q 'dm_multipath' "$t/x/etc/mpboot/modules"
m=$t/x/lib/modules/$KVER
check closure "scsi_mod (sd_mod's dependency) missing" \
	[ -n "$(find "$m" -name 'scsi_mod.ko*')" ]
check modules-dep "no modules.dep.bin for libkmod" [ -s "$m/modules.dep.bin" ]
check listed-files "a listed module has no file and is not built in" \
	awk -v m="$m" 'FILENAME ~ /modules\.dep$/ { p = $1; sub(":$", "", p);
		sub(".*/", "", p); sub("\\.ko.*", "", p); gsub("-", "_", p); have[p] = 1; next }
	FILENAME ~ /builtin$/ { p = $1; sub(".*/", "", p); sub("\\.ko.*", "", p);
		gsub("-", "_", p); have[p] = 1; next }
	!($1 in have) { print "not there: " $1; bad = 1 } END { exit bad }' \
	"$m/modules.dep" "$m/modules.builtin" "$t/x/etc/mpboot/modules"
check owners "an entry not owned by root" \
	[ -z "$(zcat "$t/a.img" | cpio -tv --quiet 2>/dev/null | awk '$3 != "root" || $4 != "root"')" ]

# A module that does not exist is named and left out; the build goes on.
build d "$t/a" "$t/mpboot-a" --modules no_such_module --compress none
check missing-named "no message naming no_such_module" grep -q "no_such_module" "$t/d.log"
cpio -i --quiet --to-stdout etc/mpboot/modules <"$t/d.img" >"$t/d.list"
check missing-left-out "no_such_module listed" \
	sh -c "grep -q dm_multipath '$t/d.list' && ! grep -q no_such_module '$t/d.list'"

echo "initramfs: $pass passed, $fail failed, 0 skipped"
[ $fail = 0 ]
