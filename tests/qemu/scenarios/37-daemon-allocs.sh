# Nothing allocated per check in the daemon's steady state: the daemon is
# build/mpboot-allocs (make allocs: mpboot with every allocator call and
# every check counted, the counts written on SIGUSR1), on 4 LUNs x 2 paths
# with polling_interval 1 and max_polling_interval 1, so that each path is
# checked every second. Once every path has been checked a few times, the
# allocation and free counts must stay where they are over at least 400
# checks; again after a path went offline and came back (what that change
# allocates is done with once the path is up again). Then 8 cycles of
# `ctl fail path` and the checker's reinstate: the blocks the daemon holds
# (allocations - frees) must be as many after them as before.
SC_DISKS=8
SC_MODS=sg
SC_TIMEOUT=600

sc_setup() {
	local l
	make -C "$TOP" --no-print-directory BUILD="$(dirname "$MPBOOT")" allocs \
		>/dev/null || return 1
	cp "$(dirname "$MPBOOT")/mpboot-allocs" "$ROOTFS/bin/" || return 1
	for l in 1 2 3 4; do
		disk_new "$1/lun$l.img" 8 'label: dos'
		vm_lun "$1/lun$l.img" 0x5000c5000000370$l 2
	done
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 1
	max_polling_interval 1
	no_path_retry queue
}
EOC
}
