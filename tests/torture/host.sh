# Host side of the torture campaign, sourced by scenario 48
# (tests/qemu/scenarios/48-torture.sh) inside tests/qemu/run.sh.
#
#   TORTURE=quick|full   quick (make torture-quick, make check): four LUNs,
#                        TORTURE_SECONDS (75) of faults; full (make
#                        torture): six LUNs until TORTURE_FAULTS (1000)
#                        faults or TORTURE_SECONDS (5400)
#   TORTURE_SEED=N       replay a run's fault streams (printed at start)
#
# LUNs are ID:TYPE:NPATHS:LAYER (tests/torture/plan.py): qemu LUNs are
# scsi-hd paths of one image (QMP faults), iscsi is the host's tgt with one
# portal direct and one through the TCP relay (hangs), lio is the guest's
# own LIO target with two ALUA port groups. The writer of a LUN goes to
# its map, its partition map or a file on the ext4 file system in it.
TT_MODE=${TORTURE:-quick}
TT_SEED=${TORTURE_SEED:-$(( (RANDOM << 15 | RANDOM) + 1 ))}
case $TT_MODE in
full)
	TT_SPECS="1:qemu:4:map 2:qemu:3:part 3:qemu:2:fs 4:qemu:3:map 5:iscsi:2:part 6:lio:2:map"
	TT_SECONDS=${TORTURE_SECONDS:-5400}
	TT_FAULTS=${TORTURE_FAULTS:-1000}
	TT_GAP=8-25 ;;
*)
	TT_SPECS="1:qemu:3:map 2:qemu:2:fs 3:iscsi:2:part 4:lio:2:map"
	TT_SECONDS=${TORTURE_SECONDS:-75}
	TT_FAULTS=${TORTURE_FAULTS:-0}
	TT_GAP=4-12 ;;
esac
# polling_interval and checker_timeout of the guest's multipath.conf;
# no_path_retry is plan.py's NPR.
TT_POLL=2
TT_CHECKER_TIMEOUT=5
TT_NPR=$(sed -n 's/^NPR = //p' "$TOP/tests/torture/plan.py")
SC_DISKS=0
SC_MODS=sg,virtio_blk,virtio_net,libcrc32c,iscsi_tcp,configfs,target_core_mod,iscsi_target_mod
SC_TIMEOUT=$((TT_SECONDS + 900))
SC_MEM=512
echo "torture: seed $TT_SEED, $TT_MODE run (replay with TORTURE_SEED=$TT_SEED)"

sc_skip() {
	command -v tgtd >/dev/null || { echo "tgtd is not installed (package tgt)"; return 0; }
	command -v iscsistart >/dev/null || { echo "iscsistart is not installed (package open-iscsi)"; return 0; }
	return 1
}

sc_setup() {
	local work=$1 env=$ROOTFS/etc/torture/env spec l typ np layer img first=0 p1 p2 ids=
	mkdir -p "$ROOTFS/etc/torture"
	python3 "$TOP/tests/torture/plan.py" "$TT_SEED" "$TT_GAP" "$ROOTFS/etc/torture" $TT_SPECS || return 1
	cp "$TOP/tests/torture/agent.sh" "$ROOTFS/lib/torture.sh"
	cp "$QEMU_DIR/guest/lio.sh" "$ROOTFS/lib/lio.sh"
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	rd_iscsi "$ROOTFS"
	vm_mailbox "$work"
	printf 'TT_SEED=%s\nTT_SECONDS=%s\nTT_FAULTS=%s\nTT_POLL=%s\nTT_CHECKER_TIMEOUT=%s\nTT_QUEUE=%s\n' \
		"$TT_SEED" "$TT_SECONDS" "$TT_FAULTS" "$TT_POLL" "$TT_CHECKER_TIMEOUT" \
		$((TT_POLL * TT_NPR)) >"$env"
	for spec in $TT_SPECS; do
		IFS=: read -r l typ np layer <<<"$spec"
		ids="$ids $l"
		printf 'TT_TYPE_%s=%s TT_NPATHS_%s=%s TT_LAYER_%s=%s TT_FIRST_%s=%s\n' \
			"$l" "$typ" "$l" "$np" "$l" "$layer" "$l" "$first" >>"$env"
		case $typ in
		qemu)
			img=$work/lun$l.img
			disk_new "$img" 64 $'label: dos\nstart=2048, type=83'
			if [ "$layer" = fs ]; then
				# random bytes: mke2fs -d allocates every block of the file
				mkdir -p "$work/fs$l"
				head -c 8M /dev/urandom >"$work/fs$l/data.bin"
				disk_ext4 "$img" 1 "$work/fs$l"
			fi
			vm_lun "$img" "0x5000c5000000480$l" "$np"
			first=$((first + np)) ;;
		iscsi)
			disk_new "$work/tgt.img" 64 $'label: dos\nstart=2048, type=83'
			tgt_start "$work" "$work/tgt.img"
			read -r p1 p2 <<<"$TGT_PORTS"
			relay_start "$work" "$p2"
			printf 'TGT_IQN=%s\nTGT_P1=%s\nRELAY_PORT=%s\n' "$TGT_IQN" "$p1" "$RELAY_PORT" >>"$env" ;;
		esac
	done
	echo "TT_LUNS='${ids# }'" >>"$env"
	# The builtin LIO-ORG entry's no_path_retry (12) yields to overrides.
	cat >"$ROOTFS/etc/multipath.conf" <<EOC
defaults {
	polling_interval $TT_POLL
	max_polling_interval $((TT_POLL * 2))
	checker_timeout $TT_CHECKER_TIMEOUT
	failback immediate
	path_checker tur
}
devices {
	device {
		vendor "QEMU"
		product "QEMU HARDDISK"
		path_checker directio
	}
}
overrides {
	no_path_retry $TT_NPR
}
EOC
	vm_net
	cat "$env" "$ROOTFS/etc/multipath.conf"
}

# tt_do WORK L SEQ REQUEST ARG: one request of LUN L's loop; the answer
# goes to sector L of the mailbox.
tt_do() {
	local work=$1 l=$2 seq=$3 res=done i
	shift 3
	echo "host: [$(date +%T)] lun $l request $seq: $*"
	case $1 in
	plug)
		# device_del completes when the guest lets the disk go: retry
		# while QEMU still holds the old id.
		for ((i = 0; i < 20; i++)); do
			vm_plug "$work" "$2" && break
			sleep 0.5
		done
		[ $i -lt 20 ] || res=failed ;;
	*)
		vm_do "$work" "$@" || {
			res=failed
			vm_qmp "$work" '{"execute":"qom-list","arguments":{"path":"/machine/peripheral"}}'
		} ;;
	esac
	printf '%s %s\0' "$res" "$seq" | dd of="$work/mailbox.img" bs=512 seek="$l" conv=notrunc status=none
}

# sc_during: serve the guest's TT-HOST lines as they come (tail -F, not a
# grep over a console log that grows for an hour). Another loop's output
# may start the same console line: the request is taken where it starts.
sc_during() {
	local work=$1 me=$BASHPID tag l seq rest
	# tail ends with this function (vm_run kills it when QEMU is done):
	# a tail left behind would serve the next run's console too.
	tail -n +1 -F --pid=$me "$work/console.log" 2>/dev/null |
		grep --line-buffered -ao 'TT-HOST .*' |
		while read -r tag l seq rest; do
			tt_do "$work" "$l" "$seq" ${rest%$'\r'}
		done >"$work/during.log" 2>&1
}

sc_check() {
	grep -a '^TT-FIG\|^TT-SUMMARY\|^TT-SEED' "$1/console.log"
}
sc_cleanup() { relay_stop; tgt_stop; }
