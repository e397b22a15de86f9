#!/bin/sh
# tests/install/install.sh BUILD_DIR: `make install` into a temporary
# DESTDIR, list what landed, check it is exactly the expected set with the
# right modes, that the installed generator takes the installed mpboot,
# and that `make uninstall` removes it all. Prints "N passed, N failed".
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

make -C "$top" --no-print-directory BUILD="$build" DESTDIR="$dest" \
	PREFIX=/usr install >"$dest.log" 2>&1 || { cat "$dest.log"; no install "make install failed"; }
rm -f "$dest.log"
echo "installed:"
(cd "$dest" && find . -type f -printf '  %m %p\n' | sort)
want="644 ./usr/lib/dracut/dracut.conf.d/50-mpboot.conf
644 ./usr/lib/dracut/modules.d/90mpboot/40-mpboot-path.rules
644 ./usr/lib/dracut/modules.d/90mpboot/62-mpboot.rules
644 ./usr/lib/dracut/modules.d/90mpboot/mpboot.service
644 ./usr/share/man/man8/mpboot.8
755 ./usr/lib/dracut/modules.d/90mpboot/module-setup.sh
755 ./usr/lib/dracut/modules.d/90mpboot/mpboot-settled.sh
755 ./usr/lib/dracut/modules.d/90mpboot/mpboot-start.sh
755 ./usr/lib/dracut/modules.d/90mpboot/mpboot-udev-db.sh
755 ./usr/sbin/mpboot
755 ./usr/sbin/mpboot-mkinitramfs"
got=$(cd "$dest" && find . -type f -printf '%m %p\n' | sort)
[ "$got" = "$want" ] && ok files || no files "expected:
$want"
file "$dest/usr/sbin/mpboot" | grep -q 'statically linked' && ok static ||
	no static "the installed mpboot is not static"
grep -q '^out=.* mpboot=/usr/sbin/mpboot' "$dest/usr/sbin/mpboot-mkinitramfs" &&
	ok generator-default || no generator-default "mpboot-mkinitramfs does not default to /usr/sbin/mpboot"
make -C "$top" --no-print-directory BUILD="$build" DESTDIR="$dest" \
	PREFIX=/usr uninstall >/dev/null 2>&1
left=$(cd "$dest" && find . -type f | wc -l)
[ "$left" = 0 ] && ok uninstall || no uninstall "$left files left"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
