# ALUA: the guest's own kernel target (LIO, configured through configfs)
# exports a ramdisk LUN through two target portal groups, one in an ALUA
# group that is active/optimized and one active/non-optimized; the guest
# logs in to both over 127.0.0.1. With group_by_prio and prio alua the
# optimized path is alone in the first group, that group is the initial
# one, and the hardware handler is "1 alua".
SC_DISKS=0
SC_MODS=libcrc32c,iscsi_tcp,configfs,target_core_mod,iscsi_target_mod

sc_setup() {
	rd_iscsi "$ROOTFS"
	cp "$QEMU_DIR/guest/lio.sh" "$ROOTFS/lib/lio.sh"
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	path_grouping_policy group_by_prio
	prio alua
}
EOC
}

sc_skip() {
	command -v iscsistart >/dev/null && return 1
	echo "iscsistart is not installed (package open-iscsi)"
}
