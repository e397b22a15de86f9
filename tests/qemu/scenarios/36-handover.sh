# The hand-over to multipathd under I/O and path faults (issue 14):
# scenario 34's boot (dracut, systemd flavour, mpboot's module) of a real
# root with multipath-tools enabled (multipathd.service and .socket
# unmasked, at -v3 so its journal says what it does to each map) and
# find_multipaths strict, multipathd's default. Two LUNs of two paths,
# both queueing (no_path_retry queue): the root's, whose WWID the real
# root's /etc/multipath/wwids lists, and a data LUN's, whose WWID it does
# not (mpboot's daemon must add it once / is writable, before multipathd
# starts, or multipathd would leave its paths unchecked).
#
# A writer (mpt-writer as "@mpt-writer", which systemd's killing sprees
# spare) starts on the data map in the initramfs (a dracut pre-mount hook
# appended to the image as a second cpio) and runs until the real root's
# test stops it. From the writer's start, the host fails and restores
# one path at a time by EIO, alternating paths, on both LUNs, through
# switch_root, multipathd's start and after, until the test asks it to
# stop. Then: mpboot's daemon has exited, multipathd lists all four paths
# with a checker state, did nothing to the maps but maybe switch their
# group (ACT_NOTHING or ACT_SWITCHPG, no reload or rename), the tables
# are those of the initramfs but for the group in use, the partition maps
# have Debian's kpartx names from the initramfs on (decision 91), no I/O
# error reached a map's user, the data WWID was added, the writer saw no
# error and every block reads back. Last, `systemctl poweroff`, both
# paths of the root failing during it (mpt-pathloss.service, decision
# 89 says why not before), must power the machine off: multipathd,
# stopping, turns the root map's queueing off.
. "$QEMU_DIR/dracut.sh"
SC_DISKS=4
SC_TIMEOUT=1800
SC_MEM=1024
RR_WWN=0x5000c50000003601
HO_DATA_WWN=0x5000c50000003602
SC_APPEND="root=/dev/disk/by-id/dm-uuid-part1-mpath-3${RR_WWN#0x} ro rd.emergency=poweroff rd.timeout=1200 sysrq_always_enabled"
# Both LUNs queue while no path is left, in the initramfs and in the real
# root alike.
DR_MULTIPATH_CONF='defaults {
	polling_interval 2
	max_polling_interval 4
	path_checker directio
	no_path_retry queue
}
'

sc_skip() { local r; r=$(dr_missing); [ -n "$r" ] && echo "$r"; }

sc_setup() {
	local work=$1 add=$1/add u
	rr_fetch
	mkdir -p "$add/usr/lib" "$add/usr/local/bin" "$add/etc/multipath" \
		"$add/etc/systemd/system/multipathd.service.d"
	cp "$QEMU_DIR/guest/lib.sh" "$add/usr/lib/mpt.sh"
	cp "$QEMU_DIR/scenarios/36-handover.guest" "$add/mpt-test.sh"
	cp "$(dirname "$MPBOOT")/tools/mpt-writer" "$add/usr/local/bin/"
	printf 'WWID=3%s\nDATA_WWID=3%s\n' "${RR_WWN#0x}" "${HO_DATA_WWN#0x}" \
		>"$add/etc/mpt-test.env"
	# unmasked: the units themselves in place of the links to /dev/null
	for u in multipathd.service multipathd.socket; do
		cp "$RR_TREE/lib/systemd/system/$u" "$add/etc/systemd/system/$u"
	done
	printf '%s' "$DR_MULTIPATH_CONF" >"$add/etc/multipath.conf"
	printf '# Multipath wwids, Version : 1.0\n/3%s/\n' "${RR_WWN#0x}" \
		>"$add/etc/multipath/wwids"
	printf '[Service]\nExecStart=\nExecStart=/sbin/multipathd -d -s -v3\n' \
		>"$add/etc/systemd/system/multipathd.service.d/mpt-verbose.conf"
	# the root's paths fail during the poweroff, at this unit's stop
	rr_pathloss_unit "$add"
	rr_disk "$work/lun.img" "$add"
	vm_lun "$work/lun.img" "$RR_WWN" 2
	truncate -s 64M "$work/data.img"
	vm_lun "$work/data.img" "$HO_DATA_WWN" 2
	vm_mailbox "$work"
	dr_image "$work/initramfs.img" systemd || return 1
	ho_writer_cpio "$work" >>"$work/initramfs.img" || return 1
	SC_INITRD=$work/initramfs.img
}

# ho_writer_cpio WORK: a gzip'd cpio, appended to dracut's image (the
# kernel unpacks archives one after the other), holding mpt-writer, a link
# @mpt-writer to it, and the pre-mount hook that starts it.
ho_writer_cpio() {
	local t=$1/writer-rd h
	rm -rf "$t"
	h=$t/usr/lib/dracut/hooks/pre-mount
	mkdir -p "$h" "$t/usr/lib/mpt" "$t/etc"
	cp "$(dirname "$MPBOOT")/tools/mpt-writer" "$t/usr/lib/mpt/"
	ln -s mpt-writer "$t/usr/lib/mpt/@mpt-writer"
	printf 'DATA_UUID=mpath-3%s\n' "${HO_DATA_WWN#0x}" >"$t/etc/mpt-writer.env"
	cat >"$h/90-mpt-writer.sh" <<'EOF'
#!/bin/sh
# scenario 36: the writer on the data map, across switch_root
/bin/sh /usr/lib/mpt/writer-start </dev/null >/dev/null 2>&1
EOF
	cat >"$t/usr/lib/mpt/writer-start" <<'EOF'
#!/bin/sh
# Out of the hook's unit (its stop would take the writer along), in /run
# (moved into the real root at switch_root: the writer's cwd stays valid
# and its log and state land in the real root's /run/mpt).
. /etc/mpt-writer.env
echo $$ >/sys/fs/cgroup/cgroup.procs
say() { echo "$*" >/dev/console; }
n=0 dm=
while [ $n -lt 120 ] && [ -z "$dm" ]; do
	for d in /sys/block/dm-*; do
		[ "$(cat "$d/dm/uuid" 2>/dev/null)" = "$DATA_UUID" ] && dm=${d##*/}
	done
	[ -n "$dm" ] || sleep 0.5
	n=$((n + 1))
done
[ -n "$dm" ] || { say "MPT-FAIL initramfs-writer: no map $DATA_UUID"; exit 1; }
mkdir -p /run/mpt && cd /run/mpt || exit 1
dmsetup table >tables.initramfs
PATH=/usr/lib/mpt:$PATH setsid @mpt-writer write "/dev/$dm" --seed 3602 \
	--iops 100 --progress 5 --state w.state >w.log 2>&1 &
echo $! >w.pid
say "MPT-WRITER started on $dm ($DATA_UUID), pid $!"
EOF
	chmod +x "$h/90-mpt-writer.sh" "$t/usr/lib/mpt/writer-start"
	(cd "$t" && find . | cpio -o -H newc --quiet) | gzip -1
}

# ho_faults WORK: from the writer's start until WORK/faults.stop, EIO on
# one path at a time: paths 0 and 2 (one of each LUN) for 3 s, 3 s of
# rest, then 1 and 3; every path back in place when it ends (QEMU gone
# included: then nothing answers and it ends).
ho_faults() {
	local work=$1 a b n=0
	vm_wait_marker "$work" MPT-WRITER 400 || { echo "no MPT-WRITER marker"; return 0; }
	while [ ! -e "$work/faults.stop" ]; do
		if [ $((n % 2)) = 0 ]; then a=0 b=2; else a=1 b=3; fi
		echo "[$(date +%T)] cycle $n: EIO on paths $a and $b"
		vm_eio "$work" $a >/dev/null && vm_eio "$work" $b >/dev/null && sleep 3
		vm_eio_off "$work" $a >/dev/null; vm_eio_off "$work" $b >/dev/null
		# QEMU gone (its socket file stays): nothing left to fault
		vm_qmp "$work" '{"execute":"query-status"}' >/dev/null 2>&1 || break
		sleep 3
		n=$((n + 1))
	done
	echo "[$(date +%T)] faults end after $n cycles"
	touch "$work/faults.done"
}

# ho_do WORK REQUEST...: the mailbox requests, and faults_stop, answered
# once the fault loop has put every path back.
ho_do() {
	local i
	[ "$2" = faults_stop ] || { vm_do "$@"; return; }
	touch "$1/faults.stop"
	for ((i = 0; i < 100; i++)); do
		[ -e "$1/faults.done" ] && return 0
		sleep 0.2
	done
	return 1
}

# ho_stuck WORK: a poweroff that has not happened 300 s after the guest's
# last check shows, in the console, what every task of the guest does
# (SysRq 9: the console takes every log level, then SysRq t: each task's
# state and stack; PID 1 is systemd-shutdown once it runs).
ho_stuck() {
	local k
	vm_wait_marker "$1" 'reboot: Power down' 300 && return 0
	echo "[$(date +%T)] no poweroff after 300 s: SysRq t"
	for k in 9 t; do
		vm_qmp "$1" '{"execute":"human-monitor-command","arguments":{"command-line":"sendkey alt-sysrq-'$k'"}}'
		sleep 2
	done
}

sc_during() {
	ho_faults "$1" >"$1/faults.log" 2>&1 &
	vm_serve "$1" ho_do >"$1/during.log" 2>&1
	ho_stuck "$1" >>"$1/during.log" 2>&1
	wait
}

# The guest cannot see its own power-off: the kernel's last words can.
sc_check() {
	cat "$1/faults.log" "$1/during.log"
	# an error under the faults that reached the root's file system
	# before the shutdown's path loss (in the initramfs every map
	# queues; seen once on a loaded host)
	awk '/MPT-PATHLOSS/ { exit } 1' "$1/console-boot1.log" |
		grep -a 'EXT4-fs (dm-[0-9]*): error\|Buffer I/O error on dev dm-' |
		head -n 5 | sed 's/^/MPT-FAIL initramfs-io-error: /'
	grep -aq 'reboot: Power down' "$1/console-boot1.log" ||
		echo "MPT-FAIL poweroff: the machine did not power off with the root's paths failed"
}
