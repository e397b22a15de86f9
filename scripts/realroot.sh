#!/bin/sh
# scripts/realroot.sh: the Debian 12 root file system the boot tests start
# through mpboot's initramfs. Prints the folder that holds it,
#   ${XDG_CACHE_HOME:-~/.cache}/mpboot/realroot-<key>/tree
# building it first when it is not there (debootstrap, a few minutes once).
# The key is the hash of this script's text: change the package list or a
# setting below and the next run builds a new tree beside the old one.
#
# The tree is minbase bookworm with systemd, udev, lvm2, multipath-tools
# and dracut (for the size comparison), dracut-network and open-iscsi
# (scenario 46's iSCSI root: dracut's network-legacy and iscsi modules,
# with what they run), without documentation, manual pages or locales.
# The root password is empty; multipathd is masked (the checker is
# mpboot's daemon, started in the initramfs). mpt-test.service
# runs /mpt-test.sh after multi-user.target, its output on the console,
# when a scenario puts that file there. Kernel modules are not in the
# tree: tests/qemu/lib.sh (rr_fetch) adds the test kernel's.
set -eu

SUITE=bookworm
MIRROR=http://deb.debian.org/debian
PACKAGES=systemd,systemd-sysv,udev,kmod,e2fsprogs,lvm2,multipath-tools,kpartx
# Installed afterwards with apt-get: debootstrap takes the first of
# sg3-utils-udev's "initramfs-tools | linux-initramfs-tool", which
# conflicts with dracut (the other); apt replaces it. dracut-network's
# network-legacy module needs ip (iproute2), pgrep (procps), arping and
# dhclient.
LATE="dracut dracut-network open-iscsi iproute2 procps"

self=$(readlink -f "$0")
cache=${MPBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mpboot}
key=$(sha256sum <"$self" | cut -c1-12)
dir=$cache/realroot-$key
if [ -f "$dir/tree.done" ]; then
	echo "$dir/tree"
	exit 0
fi

[ "$(id -u)" = 0 ] || { echo "realroot: debootstrap needs root" >&2; exit 1; }
command -v debootstrap >/dev/null ||
	{ echo "realroot: debootstrap is not installed (make setup)" >&2; exit 1; }

tree=$dir/tree
rm -rf "$dir"
mkdir -p "$dir"
echo "realroot: debootstrap $SUITE into $tree (once; log in $dir/debootstrap.log)" >&2
# Debian's own packages only: keep what they ship for documentation out of
# the tree for any later installation too.
mkdir -p "$tree/etc/dpkg/dpkg.cfg.d"
cat >"$tree/etc/dpkg/dpkg.cfg.d/01-mpboot-nodoc" <<'EOF'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/lintian/*
EOF
# The packages are kept beside the trees: a new key downloads only what
# changed.
mkdir -p "$cache/realroot-debs"
debootstrap --variant=minbase --include="$PACKAGES" \
	--cache-dir="$cache/realroot-debs" "$SUITE" "$tree" "$MIRROR" \
	>"$dir/debootstrap.log" 2>&1 ||
	{ tail -n 20 "$dir/debootstrap.log" >&2; echo "realroot: debootstrap failed" >&2; exit 1; }
# In a private mount namespace: the /proc the maintainer scripts want goes
# away with it.
unshare -m --propagation private sh -ec '
	mount -t proc proc "$1/proc"
	chroot "$1" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive chroot "$1" apt-get install -y -qq \
		--no-install-recommends $2' sh "$tree" "$LATE" >>"$dir/debootstrap.log" 2>&1 ||
	{ tail -n 20 "$dir/debootstrap.log" >&2; echo "realroot: apt-get install $LATE failed" >&2; exit 1; }

# What the base packages unpacked before the exclusions applied.
rm -rf "$tree"/usr/share/doc/* "$tree"/usr/share/man/* "$tree"/usr/share/info/* \
	"$tree"/usr/share/locale/* "$tree"/var/cache/apt/*.bin \
	"$tree"/var/cache/apt/archives/*.deb "$tree"/var/lib/apt/lists/*_*

echo mpboot-realroot >"$tree/etc/hostname"
# Empty password: root logs in on the serial console without one.
sed -i 's/^root:[^:]*:/root::/' "$tree/etc/shadow"
# The machine ID is made at the first boot (the image is read-write).
: >"$tree/etc/machine-id"
rm -f "$tree/var/lib/dbus/machine-id"
# Each scenario writes its own /etc/fstab (it knows the root's UUID).
: >"$tree/etc/fstab"
ln -sf /dev/null "$tree/etc/systemd/system/multipathd.service"
ln -sf /dev/null "$tree/etc/systemd/system/multipathd.socket"
# It scans every LVM volume for snapshots at each boot: minutes under TCG.
ln -sf /dev/null "$tree/etc/systemd/system/e2scrub_reap.service"

# The test hook. Type=simple so that its start job ends at once and
# `systemctl is-system-running --wait` in the script sees the boot end.
cat >"$tree/etc/systemd/system/mpt-test.service" <<'EOF'
[Unit]
Description=mpboot boot test (/mpt-test.sh)
After=multi-user.target
ConditionPathExists=/mpt-test.sh

[Service]
Type=simple
ExecStart=/bin/sh /mpt-test.sh
StandardOutput=file:/dev/console
StandardError=inherit

[Install]
WantedBy=multi-user.target
EOF
mkdir -p "$tree/etc/systemd/system/multi-user.target.wants"
ln -sf ../mpt-test.service "$tree/etc/systemd/system/multi-user.target.wants/mpt-test.service"
touch "$dir/tree.done"
echo "$tree"
