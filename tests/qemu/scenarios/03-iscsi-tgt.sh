# iSCSI SAN: the host runs its own tgtd (Debian's user-space target) with
# one LUN behind two portals on 127.0.0.1; the guest logs in through both
# (10.0.2.2 is the host's loopback under QEMU user networking) and mpboot
# builds one map from the two sessions. With group_by_node_name both paths
# share one group, and `mpboot paths` shows the target IQN and both portals.
SC_DISKS=0
SC_MODS=virtio_net,libcrc32c,iscsi_tcp

sc_setup() {
	local work=$1 p1 p2
	disk_new "$work/lun.img" 24 'label: dos
,'
	tgt_start "$work" "$work/lun.img"
	read -r p1 p2 <<<"$TGT_PORTS"
	rd_iscsi "$ROOTFS"
	printf 'TGT_IQN=%s\nTGT_P1=%s\nTGT_P2=%s\n' "$TGT_IQN" "$p1" "$p2" >"$ROOTFS/etc/mpt-env"
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	path_grouping_policy group_by_node_name
}
EOC
	vm_net
}

sc_skip() {
	command -v tgtd >/dev/null || { echo "tgtd is not installed (package tgt)"; return 0; }
	command -v iscsistart >/dev/null || { echo "iscsistart is not installed (package open-iscsi)"; return 0; }
	return 1
}

sc_cleanup() { tgt_stop; }
