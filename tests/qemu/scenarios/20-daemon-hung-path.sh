# A hung path is down after checker_timeout while the daemon's other checks
# stay on schedule. Two LUNs, two paths each, polling_interval 2,
# checker_timeout 3: an iSCSI LUN on the host's tgt (checker tur), one
# portal direct and one through a TCP relay of ours (tests/tools), and a
# QEMU LUN (checker directio), checker_timeout 10. (a) The relay is
# stopped (SIGSTOP): that path's TEST UNIT READY hangs; 2 s later a QEMU
# path goes offline in the guest. The offline path must be F in the kernel
# before the hung one (its check comes within an interval, while the hung
# one waits for its checker_timeout: the loop did not wait for it), and
# the hung one F within checker_timeout plus an interval (plus slack).
# `mpboot ctl show paths` answers during the hang. The relay goes on; the
# path comes back A.
# (b) The same with a throttled QEMU path (QMP: its reads hang; directio
# sees it, as in scenario 14) while the direct iSCSI path goes offline.
# No iscsid runs in the guest: the sessions are logged in without NOP-outs
# and with long error-handling timeouts so that a hang of some seconds is
# survived, as a real initiator would with iscsid's help.
SC_DISKS=2
SC_MODS=sg,virtio_blk,virtio_net,libcrc32c,iscsi_tcp
SC_TIMEOUT=420

sc_setup() {
	local work=$1 p1 p2
	disk_new "$work/q.img" 32 'label: dos'
	disk_new "$work/i.img" 32 'label: dos'
	vm_lun "$work/q.img" 0x5000c50000002001 2
	vm_mailbox "$work"
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	tgt_start "$work" "$work/i.img"
	read -r p1 p2 <<<"$TGT_PORTS"
	relay_start "$work" "$p2"
	rd_iscsi "$ROOTFS"
	printf 'TGT_IQN=%s\nTGT_P1=%s\nRELAY_PORT=%s\n' "$TGT_IQN" "$p1" "$RELAY_PORT" >"$ROOTFS/etc/mpt-env"
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 2
	max_polling_interval 4
	checker_timeout 10
	path_checker tur
}
devices {
	device {
		vendor "QEMU"
		product "QEMU HARDDISK"
		path_checker directio
	}
}
EOC
	vm_net
}

sc_skip() {
	command -v tgtd >/dev/null || { echo "tgtd is not installed (package tgt)"; return 0; }
	command -v iscsistart >/dev/null || { echo "iscsistart is not installed (package open-iscsi)"; return 0; }
	return 1
}

sc_during() { vm_serve "$1" >"$1/during.log" 2>&1; }
sc_check() { cat "$1/during.log"; }
sc_cleanup() { relay_stop; tgt_stop; }
