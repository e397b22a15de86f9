# Path faults across switch_root (issue 13): mpboot as /init boots a small
# real root (busybox, read-only, as in scenario 26) from partition 1 of a
# LUN on two paths, with path_checker directio and no_path_retry queue.
# From the moment the daemon's start-up assembly is on the console (just
# before switch_root) the host fails one path after the other with EIO
# (QMP, blkdebug), 3 s each with 3 s between, twice each; the real root's
# /sbin/init (the .guest file) starts a writer on partition 2 as soon as
# it runs. When the loop is over, both paths must be reinstated by the
# daemon started in the initramfs, the writer must have seen no I/O error
# and every block must read back. The daemon must have entered the real
# root (its log, at the mpboot.verbose=3 read from the running system's
# command line), kept the new WWID for later instead of failing to write
# the read-only root (the host reads the console), and a LUN plugged
# after switch_root must get its map and its /dev/mapper node.
SC_TIMEOUT=600
WWN41=0x5000c50000004101
WWN41B=0x5000c50000004102
ROOT_UUID41=2a6b5d1e-26f0-4c1a-9e7d-0b5c2a1e4100

sc_setup() {
	local work=$1 conf
	conf='defaults {
	polling_interval 2
	max_polling_interval 4
	path_checker directio
	no_path_retry queue
}'
	root_stage "$work/root" "$MPBOOT" "$QEMU_DIR/scenarios/41-init-path-faults.guest"
	cp "$(dirname "$MPBOOT")/tools/mpt-writer" "$work/root/bin/"
	mkdir -p "$work/root/etc/multipath"
	printf '%s\n' "$conf" >"$work/root/etc/multipath.conf"
	printf '%s\n' "$conf" >"$ROOTFS/etc/multipath.conf"
	disk_new "$work/lun.img" 64 'label: gpt
size=40MiB, type=L, name=mpbootroot
type=L'
	disk_ext4 "$work/lun.img" 1 "$work/root" realroot "$ROOT_UUID41"
	rd_mpboot_init "$ROOTFS"
	printf 'crc32c_generic\n' >"$ROOTFS/etc/mpboot/modules"
	vm_lun "$work/lun.img" $WWN41 2
	vm_mailbox "$work"
	# a second LUN, plugged by the guest after switch_root (paths 2, 3)
	disk_new "$work/lun2.img" 16 'label: dos'
	VM_UNPLUGGED=1 vm_lun "$work/lun2.img" $WWN41B 2
	SC_APPEND="root=UUID=$ROOT_UUID41 mpboot.timeout=120 mpboot.verbose=3 printk.devkmsg=on"
}

# The daemon's start-up assembly reloads the root's map with queueing
# (init's had none, decision 57) and prints it; switch_root follows.
daemon_assembled() {
	grep -aq "^reload: 3${WWN41#0x} " "$1/console.log" 2>/dev/null
}

fault_loop() {
	local work=$1 i p
	for ((i = 0; i < 600; i++)); do
		daemon_assembled "$work" && break
		sleep 0.2
	done
	echo "host: [$(date +%T)] the daemon assembled: faults start"
	for ((i = 0; i < 4; i++)); do
		p=$((i % 2))
		echo "host: [$(date +%T)] eio $p"
		vm_eio "$work" $p >/dev/null
		sleep 3
		vm_eio_off "$work" $p >/dev/null
		sleep 3
	done
	echo "host: [$(date +%T)] faults over"
}

# faults_done: answered once the loop is over.
sc41_do() {
	case $2 in
	faults_done) wait "$FAULT_PID" ;;
	*) vm_do "$@" ;;
	esac
}

sc_during() {
	fault_loop "$1" >"$1/faults.log" 2>&1 &
	FAULT_PID=$!
	vm_serve "$1" sc41_do >"$1/during.log" 2>&1
}
# What the daemon said before it detached went to the console: the new
# WWID kept for later, no failed write to the read-only root.
sc_check() {
	local log=$1/console-boot1.log
	cat "$1/faults.log" "$1/during.log"
	if grep -aq 'the root is read-only: what is new for /etc/multipath/wwids' "$log"; then
		echo "MPT-OK wwids-kept"
	else
		echo "MPT-FAIL wwids-kept: the daemon did not keep the new WWID for later"
	fi
	if grep -aq 'cannot save' "$log"; then
		echo "MPT-FAIL no-erofs: a write to the read-only root was tried"
	else
		echo "MPT-OK no-erofs"
	fi
}
