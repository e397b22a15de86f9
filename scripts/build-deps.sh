#!/bin/sh
# Build libdevmapper, libblkid and libkmod with musl-gcc from Debian's own
# source packages into a private prefix, for the static mpboot.
#
#   scripts/build-deps.sh BUILD_DIR
#
# Sources go to BUILD_DIR/deps, headers and static libraries to
# BUILD_DIR/sysroot. A library already installed there is not rebuilt.
set -eu

build=$(realpath -m "${1:-build}")
deps=$build/deps
sysroot=$build/sysroot
khdr=$build/kernel-headers
jobs=$(nproc)
log=$deps/log

mkdir -p "$deps" "$sysroot/include" "$sysroot/lib" "$khdr"

# musl-gcc only searches musl's own include folder; give it the kernel's
# UAPI headers (and nothing else from glibc) through a folder of symlinks.
for h in linux:/usr/include/linux asm-generic:/usr/include/asm-generic \
	 asm:/usr/include/x86_64-linux-gnu/asm mtd:/usr/include/mtd; do
	[ -e "${h#*:}" ] && ln -sfn "${h#*:}" "$khdr/${h%%:*}"
done

export CC=musl-gcc
export CFLAGS="-Os -ffunction-sections -fdata-sections -isystem $khdr"
export CPPFLAGS="-isystem $khdr"
export LDFLAGS="-static"

# fetch NAME: unpack Debian's source package NAME (with Debian's patches)
# into $deps and print the folder.
fetch() {
	src=$(find "$deps" -maxdepth 1 -type d -name "$1-[0-9]*" | head -n 1)
	if [ -z "$src" ]; then
		(cd "$deps" && apt-get source -qq "$1" >"$log.$1" 2>&1) || {
			echo "build-deps: apt-get source $1 failed:" >&2
			tail -n 20 "$log.$1" >&2
			exit 1
		}
		src=$(find "$deps" -maxdepth 1 -type d -name "$1-[0-9]*" | head -n 1)
	fi
	echo "$src"
}

# step NAME CMD...: run a build step quietly, show its log when it fails.
step() {
	name=$1; shift
	if ! "$@" >>"$log.$name" 2>&1; then
		echo "build-deps: $name: '$*' failed; last lines of $log.$name:" >&2
		tail -n 30 "$log.$name" >&2
		exit 1
	fi
}

build_libdm() {
	src=$(fetch lvm2)
	echo "build-deps: libdevmapper from $(basename "$src")"
	cd "$src"
	step lvm2 ./configure --prefix="$sysroot" --enable-static_link \
		--disable-udev_sync --disable-selinux --disable-blkid_wiping \
		--disable-readline --disable-nls --disable-systemd-journal \
		--disable-app-machineid --with-confdir="$sysroot/etc"
	step lvm2 make -j"$jobs" -C libdm install_include install_static
}

build_libblkid() {
	src=$(fetch util-linux)
	echo "build-deps: libblkid from $(basename "$src")"
	mkdir -p "$src/musl-build"
	cd "$src/musl-build"
	step util-linux ../configure --prefix="$sysroot" \
		--disable-all-programs --enable-libblkid \
		--disable-shared --enable-static --disable-nls \
		--without-udev --without-selinux --without-systemd \
		--without-python --without-readline --without-ncursesw \
		--without-tinfo --without-libz --without-libmagic \
		--without-cap-ng --without-audit --without-btrfs \
		--disable-bash-completion --disable-asciidoc --disable-poman
	step util-linux make -j"$jobs" libblkid.la
	mkdir -p "$sysroot/include/blkid"
	cp libblkid/src/blkid.h "$sysroot/include/blkid/blkid.h"
	cp .libs/libblkid.a "$sysroot/lib/libblkid.a"
}

build_libkmod() {
	src=$(fetch kmod)
	echo "build-deps: libkmod from $(basename "$src")"
	cd "$src"
	# Upstream refuses static builds; a private static libkmod is exactly
	# what mpboot needs, so drop the refusal.
	sed -i '/--enable-static is not supported by kmod/d' configure.ac
	[ -e libkmod/docs/gtk-doc.make ] || : >libkmod/docs/gtk-doc.make
	[ -x configure ] || step kmod autoreconf -fi
	mkdir -p musl-build
	cd musl-build
	step kmod ../configure --prefix="$sysroot" --enable-static \
		--disable-shared --disable-tools --disable-manpages \
		--disable-test-modules --without-zstd --without-xz \
		--without-zlib --without-openssl
	step kmod make -j"$jobs" libkmod/libkmod.la
	cp ../libkmod/libkmod.h "$sysroot/include/libkmod.h"
	cp libkmod/.libs/libkmod.a "$sysroot/lib/libkmod.a"
}

[ -f "$sysroot/lib/libdevmapper.a" ] || (build_libdm)
[ -f "$sysroot/lib/libblkid.a" ] || (build_libblkid)
[ -f "$sysroot/lib/libkmod.a" ] || (build_libkmod)
exit 0
