# The Debian real root on an iSCSI LUN, booted through dracut (systemd
# flavour) as a dracut user sets it up: dracut's network and iscsi
# modules log into two portals of the host's tgt target, written as
# dracut's own parameters (ip=dhcp, rd.iscsi.initiator=, one
# netroot=iscsi: per portal, rd.iscsi.param=), and mpboot's module
# builds the map from the two sessions. It passes when the root reached
# multi-user.target with no failed unit, / is on the map's partition map,
# and both sessions, one per portal, are active paths of the map.
#
# The LUN is tgt's (tid 1, LUN 1: WWID 360000000000000000e00000000010001),
# in the initramfs' wwids file as on a machine installed on that map.
# dracut discovers the target (SendTargets) before it logs in, so tgtd
# listens on an address of its own, 10.0.3.2, in a network namespace QEMU
# runs in too (tgt_start's TGT_ADDR): 10.0.2.2 would be answered with
# 127.0.0.1.
# The sessions come from iscsistart; no iscsid runs in the initramfs, so
# a NOP-Out answered late on a loaded TCG host would drop a session that
# nobody restores: NOP-Outs are off (rd.iscsi.param). The guest ends
# with a forced poweroff: logging out of the root's sessions at shutdown
# is not this scenario's matter. Not in make check (178 s on a quiet
# host with dracut's image made, 852 s at load 12): `make check-iscsi`
# runs it.
. "$QEMU_DIR/dracut.sh"
SC_DISKS=0
SC_TIMEOUT=2400
SC_MEM=1024
DR_ISCSI=1
SC_WWID=360000000000000000e00000000010001
TGT_ADDR=10.0.3.2
SC_SLOW="a real-root boot over iSCSI: make check-iscsi"

sc_skip() {
	local r
	r=$(dr_missing)
	[ -n "$r" ] && { echo "$r"; return 0; }
	command -v tgtd >/dev/null || { echo "tgtd is not installed (package tgt)"; return 0; }
	return 1
}

sc_setup() {
	local work=$1 add=$1/add p1 p2 p
	rr_fetch
	mkdir -p "$add/usr/lib" "$add/etc/systemd/system/systemd-modules-load.service.d"
	cp "$QEMU_DIR/guest/lib.sh" "$add/usr/lib/mpt.sh"
	cp "$QEMU_DIR/scenarios/46-dracut-iscsi.guest" "$add/mpt-test.sh"
	# scenario 34's allowance for a slow TCG guest (see there)
	printf '[Service]\nTimeoutSec=infinity\n' \
		>"$add/etc/systemd/system/systemd-modules-load.service.d/mpt-slow-host.conf"
	# the guest finds the portals in its command line's netroot=
	printf 'WWID=%s\nUUID=%s\n' "$SC_WWID" "$RR_UUID" >"$add/etc/mpt-test.env"
	rr_disk "$work/lun.img" "$add"
	tgt_start "$work" "$work/lun.img"
	read -r p1 p2 <<<"$TGT_PORTS"
	vm_net
	dr_image "$work/initramfs.img" systemd "$SC_WWID" || return 1
	SC_INITRD=$work/initramfs.img
	# scenario 34's allowances (see there), then dracut's iSCSI root
	SC_APPEND="root=UUID=$RR_UUID ro rd.emergency=poweroff rd.timeout=1200"
	SC_APPEND="$SC_APPEND systemd.service_watchdogs=0 ip=dhcp"
	SC_APPEND="$SC_APPEND rd.iscsi.initiator=iqn.2026-01.test.mpboot:dracut-guest"
	for p in $p1 $p2; do
		SC_APPEND="$SC_APPEND netroot=iscsi:$TGT_ADDR::$p:1:$TGT_IQN"
	done
	SC_APPEND="$SC_APPEND rd.iscsi.param=node.conn[0].timeo.noop_out_interval=0"
	SC_APPEND="$SC_APPEND rd.iscsi.param=node.conn[0].timeo.noop_out_timeout=0"
}

sc_cleanup() { tgt_stop; }
