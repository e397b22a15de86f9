#!/bin/sh
# Install what building and testing mpboot needs on Debian 12, and enable
# deb-src so the dependency build can `apt-get source`. Idempotent: installs
# only what is missing, and does nothing at all when everything is there.
set -eu

pkgs="build-essential musl-tools autoconf automake autopoint libtool pkg-config
gettext bison flex dpkg-dev clang llvm libclang-rt-14-dev
libdevmapper-dev libblkid-dev libkmod-dev
qemu-system-x86 qemu-utils busybox-static cpio kmod fdisk e2fsprogs
open-iscsi tgt python3 file debootstrap zstd"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done

need_src=0
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ &&
   ! grep -qs '^deb-src' /etc/apt/sources.list; then
	need_src=1
fi

[ -z "$missing" ] && [ $need_src = 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "setup-debian: missing packages:$missing; run as root" >&2
	exit 1
fi

if [ $need_src = 1 ]; then
	f=/etc/apt/sources.list.d/debian.sources
	if [ -f "$f" ]; then
		sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"
	else
		sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >/etc/apt/sources.list.d/mpboot-src.list
	fi
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# tgt and open-iscsi ship services; the tests start their own instances.
[ -n "$missing" ] && apt-get install -y -qq --no-install-recommends $missing
exit 0
