# The daemon started while a map queues with no path that works (issue
# 12, decisions 85-86): the guest's LIO LUN (scenario 4) with a partition,
# both ALUA groups made unavailable while no daemon runs, so the kernel
# still shows both paths A but any I/O fails them and then queues. A
# restarted daemon must get ready (it adopts the map and its partition map
# without reading them), `ctl reconfigure` must answer and `--once` must
# end with a clear message; with the groups back, the paths, the partition
# map and the readers left waiting end. Then a read that never ends while
# every path shows A (the map suspended) and no partition map to adopt:
# the start-up and `ctl reconfigure` give the read up at the deadline and
# say so; once resumed, the reader ends and `ctl reconfigure` makes the
# partition map.
SC_DISKS=0
SC_MODS=sg,libcrc32c,iscsi_tcp,configfs,target_core_mod,iscsi_target_mod
SC_TIMEOUT=420

sc_setup() {
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	rd_iscsi "$ROOTFS"
	cp "$QEMU_DIR/guest/lio.sh" "$ROOTFS/lib/lio.sh"
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 2
	max_polling_interval 4
	no_path_retry queue
}
EOC
}

sc_skip() {
	command -v iscsistart >/dev/null && return 1
	echo "iscsistart is not installed (package open-iscsi)"
}
