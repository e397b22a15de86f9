# Sourced by scenarios 34-36: a dracut initramfs with mpboot's module
# (dracut-module/, installed by `make install`), made by the real root's
# own dracut (Debian 12: dracut 059) in a chroot of the cached real-root
# tree through an overlay, so the cache is never changed. Needs lib.sh's
# rr_fetch (the real-root image, tests/qemu/lib.sh) and kern_fetch.

# The initramfs' multipath.conf (the real root keeps its own, or none):
# directio sees the EIO faults QEMU injects (TEST UNIT READY passes them),
# and checks come every 2 to 4 s.
DR_MULTIPATH_CONF='defaults {
	polling_interval 2
	max_polling_interval 4
	path_checker directio
}
'

# dr_missing: why a dracut boot cannot run here (empty when it can).
dr_missing() {
	declare -F rr_fetch >/dev/null ||
		{ echo "the real-root image (rr_fetch in tests/qemu/lib.sh) is not on main yet"; return; }
	command -v unshare >/dev/null || echo "unshare is not installed"
}

# What builds the maps in dr_image's initramfs: mpboot (its module,
# installed with `make install`; the default) or multipath-tools
# (dracut's own multipath module, for tests/bench/dracut.sh; the real root
# is the same, with multipathd masked). dracut 059 on Debian 12 copies
# none of multipath-tools' checker and prioritizer plug-ins (they are in
# /usr/lib/multipath, which is not among dracut's library folders) and
# none of its udev rules (it asks for upstream's names, 40-multipath,
# 66-kpartx...; Debian ships 60-multipath, 60-kpartx, 56-dm-mpath and
# 56-dm-parts): no path is marked and no partition map is made. Both
# are named with --install, with kpartx_id, which the rules run: the
# changes that module needs here, with multipathd.socket masked in the
# initramfs: with it, the boot stopped for good after dracut's pre-pivot
# hook had started multipathd again (initrd-cleanup conflicts with
# multipathd.service, and the socket starts it).
DR_MAPS=${DR_MAPS:-mpboot}
# DR_ISCSI=1: dracut's iscsi module in the initramfs, for an iSCSI root
# (scenario 46), with network-legacy (ifup, dhclient) as the network
# handler: dracut would pick systemd-networkd, present in the tree, but
# 059's systemd-networkd module runs no initqueue online hook, and that
# hook is what starts the iSCSI logins once ip= has the interface up.
# Debian's iscsid.service runs /lib/open-iscsi/startup-checks.sh first,
# which dracut's iscsi module does not copy: without it iscsid never
# starts in the initramfs ("Cannot perform discovery. Initiatorname
# required"), so it is named with --install.
# Without DR_ISCSI both are left out, though the tree has open-iscsi and
# dracut-network, and so is ifcfg (Debian's dracut-network adds it in
# /etc/dracut.conf.d, and it needs the network module).
DR_ISCSI=${DR_ISCSI:-}

# dr_image OUT FLAVOUR [WWID...]: the initramfs for FLAVOUR (systemd:
# dracut's default with systemd in the initramfs; shell: dracut's own
# init, with the systemd modules omitted), with the WWIDs in the wwids
# file, as on a machine installed on those maps. Cached under MPBOOT_CACHE
# by its inputs (mpboot, the module, this function, the tree, the
# kernel, the files, DR_MAPS and DR_ISCSI): dracut takes minutes.
dr_image() {
	local out=$1 flavour=$2 key cached w omit= add= wwids
	shift 2
	wwids=$(printf '/%s/\n' "$@")
	key=$({ cat "$MPBOOT" "$TOP"/dracut-module/*; declare -f dr_image; echo "$flavour $KVER $RR_TREE";
		echo "$DR_MULTIPATH_CONF"; echo "$wwids $DR_MAPS $DR_ISCSI"; } | sha256sum | cut -c1-12)
	cached=$MPBOOT_CACHE/dracut-$flavour-$DR_MAPS${DR_ISCSI:+-iscsi}-$key.img
	if [ ! -f "$cached" ]; then
		[ "$flavour" = shell ] && omit="systemd systemd-initrd dracut-systemd"
		if [ -n "$DR_ISCSI" ]; then
			add="iscsi network-legacy"
		else
			omit="$omit iscsi network ifcfg"
		fi
		[ "$DR_MAPS" = multipath-tools ] && add="$add multipath"
		w=$(mktemp -d "${TMPDIR:-/tmp}/mpt-dracut.XXXXXX")
		mkdir -p "$w/upper" "$w/work" "$w/root"
		# a private mount namespace: every mount goes away with it
		unshare -m --propagation private sh -ec '
			w=$1 tree=$2 kver=$3 omit=$4 top=$5 build=$6 add=$9 inst= mask=
			mount -t overlay overlay -o "lowerdir=$tree,upperdir=$w/upper,workdir=$w/work" "$w/root"
			case $add in
			*multipath*) inst=$(for f in "$w"/root/usr/lib/multipath/*.so \
				"$w"/root/lib/udev/rules.d/*multipath*.rules \
				"$w"/root/lib/udev/rules.d/*kpartx*.rules \
				"$w"/root/lib/udev/rules.d/56-dm-*.rules "$w"/root/lib/udev/kpartx_id; do
				printf "%s " "${f#"$w"/root}"; done)
				# masked: an empty unit file
				: >"$w/root/etc/mpt-masked.socket"
				mask="/etc/mpt-masked.socket /etc/systemd/system/multipathd.socket" ;;
			*) make -C "$top" --no-print-directory BUILD="$build" DESTDIR="$w/root" install >/dev/null ;;
			esac
			case $add in
			*iscsi*) inst="$inst /lib/open-iscsi/startup-checks.sh" ;;
			esac
			printf "%s" "$7" >"$w/root/etc/multipath.conf"
			mkdir -p "$w/root/etc/multipath"
			[ -z "$8" ] || printf "# Multipath wwids, Version : 1.0\n%s\n" "$8" \
				>"$w/root/etc/multipath/wwids"
			mount --bind /dev "$w/root/dev"
			mount -t proc proc "$w/root/proc"
			mount -t sysfs sysfs "$w/root/sys"
			chroot "$w/root" dracut --force --no-hostonly --no-hostonly-cmdline \
				--kver "$kver" ${omit:+--omit "$omit"} ${add:+--add "$add"} \
				${inst:+--install "$inst"} \
				${mask:+--include $mask} \
				/tmp/mpt-dracut.img
			cp "$w/root/tmp/mpt-dracut.img" "$w/out.img"
		' sh "$w" "$RR_TREE" "$KVER" "$omit" "$TOP" "$(dirname "$MPBOOT")" \
			"$DR_MULTIPATH_CONF" "${1:+$wwids}" "$add" \
			>"$out.dracut.log" 2>&1 || { tail -n 20 "$out.dracut.log"; rm -rf "$w"; return 1; }
		mv "$w/out.img" "$cached.tmp" && mv "$cached.tmp" "$cached"
		rm -rf "$w"
	fi
	cp "$cached" "$out"
}
