# mpboot daemon's loop on a real kernel, without host faults (scenarios
# 19-24 make those): one LUN on two paths, polling_interval 2. The daemon
# starts in the background and its parent returns once the map is built;
# a path taken offline inside the guest is failed in the kernel, and
# reinstated once it runs again; `dmsetup message` failing a good path
# behind the daemon's back is undone at the next check; a path deleted
# and a SIGHUP shrink the map, a rescan and a SIGHUP grow it back; SIGKILL
# and a restart adopt the map unchanged; SIGTERM turns queueing off
# (queue_without_daemon no).
SC_DISKS=2
SC_MODS=sg
SC_TIMEOUT=300

sc_setup() {
	disk_new "$1/lun.img" 16 'label: dos
,'
	vm_lun "$1/lun.img" 0x5000c50000002501 2
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	mkdir -p "$ROOTFS/etc"
	printf 'defaults {\n\tpolling_interval 2\n\tno_path_retry queue\n}\n' \
		>"$ROOTFS/etc/multipath.conf"
}
