# mpboot ctl against a running daemon: one LUN on two paths, grouped
# failover (two groups, for switchgroup), queueing on. Every command of
# the control socket, each checked in the kernel (dmsetup status and
# table) where it changes something; a client that is not root (busybox
# su to nobody) is refused a change and still gets a show; bad requests
# and a missing daemon give their exit codes.
SC_DISKS=2
SC_MODS=sg
SC_TIMEOUT=300

sc_setup() {
	disk_new "$1/lun.img" 16 'label: dos
,'
	vm_lun "$1/lun.img" 0x5000c50000002901 2
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	mkdir -p "$ROOTFS/etc"
	printf 'defaults {\n\tpolling_interval 10\n\tmax_polling_interval 10\n\tno_path_retry queue\n\tpath_grouping_policy failover\n}\n' \
		>"$ROOTFS/etc/multipath.conf"
	# a user to be refused as: busybox su needs it in /etc/passwd
	printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' \
		>"$ROOTFS/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$ROOTFS/etc/group"
}
