# The proof of the udev database entries (ARCHITECTURE.md, decision 39):
# the Debian 12 real root (scripts/realroot.sh) on GPT partition 1 of a
# two-path LUN. Boot 1 goes through mpboot as /init, which writes the
# entries before switch_root; in the real root, udev, systemd and LVM must
# take the maps for what a udev in the initramfs would have left:
# udevadm info shows the coldplug accepted them, the by-id, by-uuid and
# by-partuuid links point at the maps, the partition map has the name the
# real root's kpartx rule gives it (decision 91) and was never renamed,
# the paths are multipath members, no unit failed. Boot 2 is the control:
# the test initramfs builds the same maps with mpboot --once and switches
# root without the entries, and the links must be missing.
SC_DISKS=2
SC_BOOTS=2
SC_TIMEOUT=900
RR_WWN=0x5000c50000003301

sc_setup() {
	local work=$1 add=$1/add
	rr_fetch
	mkdir -p "$add/usr/local/sbin" "$add/usr/lib" "$add/etc"
	cp "$MPBOOT" "$add/usr/local/sbin/mpboot"
	cp "$QEMU_DIR/guest/lib.sh" "$add/usr/lib/mpt.sh"
	cp "$QEMU_DIR/scenarios/33-udev-db-realroot.guest" "$add/mpt-test.sh"
	printf 'WWID=3%s\nUUID=%s\nPARTUUID=%s\n' "${RR_WWN#0x}" "$RR_UUID" \
		"$RR_PARTUUID" >"$add/etc/mpt-test.env"
	rr_disk "$work/lun.img" "$add"
	vm_lun "$work/lun.img" "$RR_WWN" 2
	# the configuration from add, the partition delimiter from the real
	# root's udev rules (mkinitramfs reads them from --root on a host)
	"$TOP/initramfs/mkinitramfs" -k "$KVER" --modroot "$KERN_ROOT" \
		--mpboot "$MPBOOT" --root "$add" -o "$work/initramfs.img" \
		--part-delim "$("$MPBOOT" --root "$RR_TREE" part-delim)" || return 1
	# the control's /init: the test initramfs' start, then the maps,
	# the root and switch_root, without mpboot udev-db
	sed '/^echo "MPT-START"/,$d' "$ROOTFS/init" >"$ROOTFS/init.new"
	cat >>"$ROOTFS/init.new" <<EOF2
mpboot --once || echo "MPT-FAIL once: mpboot --once failed"
root=\$(mpt_dm_by_uuid part1-mpath-3${RR_WWN#0x})
mkdir -p /sysroot
mount -t ext4 -o ro /dev/\$root /sysroot || echo "MPT-FAIL mount: /dev/\$root"
for m in dev proc sys run; do mount --move /\$m /sysroot/\$m; done
unset DM_DISABLE_UDEV
exec switch_root /sysroot /sbin/init
EOF2
	mv "$ROOTFS/init.new" "$ROOTFS/init"
	chmod 755 "$ROOTFS/init"
	rd_pack "$ROOTFS" "$work/control.gz"
}

sc_before_boot() {
	SC_APPEND="root=UUID=$RR_UUID ro"
	if [ "$2" = 1 ]; then
		SC_INITRD=$1/initramfs.img
		SC_APPEND="$SC_APPEND mpboot.timeout=120"
	else
		# no by-uuid device comes for the root's fsck to wait on
		SC_INITRD=$1/control.gz
		SC_APPEND="$SC_APPEND systemd.mask=systemd-fsck-root.service"
	fi
}
