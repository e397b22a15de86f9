# ALUA: the guest's own kernel target (LIO, configured through configfs)
# exports a ramdisk LUN through two target portal groups, one in an ALUA
# group that is active/optimized and one active/non-optimized; the guest
# logs in to both over 127.0.0.1. With group_by_prio and prio alua the
# optimized path is alone in the first group, that group is the initial
# one, and the hardware handler is "1 alua". Then the daemon runs and the
# two port groups swap their states, as at a controller failover: it
# reads the new priorities from access_state and, as multipathd under
# group_by_prio with failback immediate, reloads the map with the group
# that is optimized now first, and again when they swap back.
SC_DISKS=0
SC_MODS=libcrc32c,iscsi_tcp,configfs,target_core_mod,iscsi_target_mod,sg

sc_setup() {
	rd_iscsi "$ROOTFS"
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	cp "$QEMU_DIR/guest/lio.sh" "$ROOTFS/lib/lio.sh"
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	path_grouping_policy group_by_prio
	prio alua
	failback immediate
	polling_interval 2
	max_polling_interval 4
}
EOC
}

sc_skip() {
	command -v iscsistart >/dev/null && return 1
	echo "iscsistart is not installed (package open-iscsi)"
}
