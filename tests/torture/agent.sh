# Guest side of the torture campaign (busybox sh), sourced by scenario
# 48's /test.sh after /lib/mpt.sh. The host (tests/torture/host.sh) wrote
# /etc/torture/env (the LUNs, the time and fault budget) and the fault
# streams of tests/torture/plan.py: /etc/torture/lun.L, one fault window a
# line, and /etc/torture/global (daemon kills, reconfigure, --once).
#
# One loop per LUN runs its windows one after the other, all LUNs at
# once, and the global loop beside them. A window: a writer starts
# (mpt-writer, a fresh seed per window), the faults start and end as the
# plan says, the LUN must then be whole again (every path back in its
# map and A, queueing on), the writer stops, and every block is read back.
# Results are one TT-WIN line per window; the figures are TT-FIG lines at
# the end (tests/torture/run.sh collects them).
#
# Host requests go through the mailbox disk, one sector per LUN (sector L
# answers LUN L's loop), so the loops do not wait for each other's seq.
. /etc/torture/env

tt_ifs=$IFS
tt_log() { echo "TT: [$(mpt_now)] $*"; }

# ---- the host, per LUN -------------------------------------------------
tt_seq=0
tt_box() { dd if=/dev/vda bs=512 skip=$1 count=1 iflag=direct 2>/dev/null | tr -d '\0'; }
tt_answered() { case "$(tt_box $1)" in *" $2") return 0 ;; esac; return 1; }
# tt_host L REQUEST ARG: ask the host, wait for its answer in sector L.
tt_host() {
	local l=$1
	shift
	tt_seq=$((tt_seq + 1))
	echo "TT-HOST $l $tt_seq $*"
	if ! mpt_wait_for 120 tt_answered $l $tt_seq; then
		mpt_fail "lun$l-host" "the host did not answer '$*'"
		return 1
	fi
	[ "$(tt_box $l)" = "done $tt_seq" ] && return 0
	mpt_fail "lun$l-host" "the host could not do '$*'"
	return 1
}

# ---- paths ---------------------------------------------------------------
tt_var() { eval "echo \$TT_$1_$2"; }

# tt_qemu_disk HOST: the sd disk on SCSI host HOST (QEMU path HOST).
tt_qemu_disk() { tt_find_qemu $1 && echo $tt_d; }
# tt_find_qemu HOST: the same into tt_d, without a fork: four LUN loops
# polling sysfs at once must leave the slow TCG guest to the daemon.
tt_find_qemu() {
	local b
	tt_d=
	for b in /sys/class/scsi_host/host$1/device/target*/*/block/*; do
		[ -e "$b" ] && tt_d=${b##*/}
	done
	[ -n "$tt_d" ]
}
# tt_find L P: LUN L's path P's sd disk into tt_d (false when unplugged).
tt_find() {
	eval "tt_typ=\$TT_TYPE_$1 tt_first=\$TT_FIRST_$1"
	case $tt_typ in
	qemu) tt_find_qemu $((tt_first + $2)) ;;
	*) read -r tt_d </tmp/tt.disk.$1.$2 ;;
	esac
}
tt_disk() { tt_find $1 $2 && echo $tt_d; }

# iSCSI sessions: the LIO LUN's paths are 127.0.0.1:3260/3261, the tgt
# LUN's 10.0.2.2:TGT_P1 (direct) and 10.0.2.2:RELAY_PORT (relayed).
tt_iscsi_disks() {
	local s sdir addr port disk l p
	for s in /sys/class/iscsi_session/session*; do
		[ -e "$s" ] || continue
		sdir=$(readlink -f $s)/../..
		addr=$(cat $sdir/connection*/iscsi_connection/*/persistent_address)
		port=$(cat $sdir/connection*/iscsi_connection/*/persistent_port)
		disk=$(basename $sdir/target*/*/block/*)
		for l in $TT_LUNS; do
			case $(tt_var TYPE $l):$addr:$port in
			lio:127.0.0.1:3260) p=0 ;;
			lio:127.0.0.1:3261) p=1 ;;
			iscsi:10.0.2.2:$TGT_P1) p=0 ;;
			iscsi:10.0.2.2:$RELAY_PORT) p=1 ;;
			*) continue ;;
			esac
			echo $disk >/tmp/tt.disk.$l.$p
			echo "  lun $l path $p: $disk ($addr:$port)"
		done
	done
}

# tt_iscsi_login IQN PORTAL PORT: without NOP-outs and with long error
# handling timeouts (no iscsid here to recover a session; scenario 20).
tt_iscsi_login() {
	iscsistart -i iqn.2026-01.test.mpboot:guest -t $1 -g ${4:-1} -a $2 -p $3 \
		-P node.conn[0].timeo.noop_out_interval=0 \
		-P node.conn[0].timeo.noop_out_timeout=0 \
		-P node.session.err_timeo.abort_timeout=120 \
		-P node.session.err_timeo.lu_reset_timeout=120 \
		-P node.session.err_timeo.tgt_reset_timeout=120 2>&1 | sed 's/^/  | /'
}

# ---- faults ----------------------------------------------------------------
TT_LIO_CORE=/sys/kernel/config/target/core/rd_mcp_0/lun0/alua
# tt_alua GROUP STATE: the LIO target port group's ALUA state (0
# active/optimized, 1 active/non-optimized, 2 standby, 3 unavailable).
tt_alua() { echo $2 >$TT_LIO_CORE/$1/alua_access_state; }
tt_lio_group() { [ $1 = 0 ] && echo default_tg_pt_gp || echo nonopt; }

# tt_fault L +|- KIND P: start or end one fault on LUN L's path P.
tt_fault() {
	local l=$1 sign=$2 kind=$3 p=$4 host d
	host=$(($(tt_var FIRST $l) + p))
	case $kind:$sign in
	eio:+) tt_host $l eio $host ;;
	eio:-) tt_host $l eio_off $host ;;
	unplug:+)
		tt_host $l unplug $host || return 1
		mpt_wait_for 60 sh -c "! ls /sys/class/scsi_host/host$host/device/target*/*/block >/dev/null 2>&1" ||
			{ mpt_fail "lun$l-unplug" "host $host still has its disk"; return 1; } ;;
	unplug:-)
		tt_host $l plug $host || return 1
		mpt_wait_for 60 tt_qemu_disk $host >/dev/null ||
			{ mpt_fail "lun$l-plug" "no disk on host $host"; return 1; } ;;
	offline:+ | offline:-)
		d=$(tt_disk $l $p)
		[ $sign = + ] && echo offline >/sys/block/$d/device/state ||
			echo running >/sys/block/$d/device/state ;;
	hang:+) tt_host $l relay_hang ;;
	hang:-) tt_host $l relay_resume ;;
	standby:+) tt_alua $(tt_lio_group $p) 2 ;;
	unavailable:+) tt_alua $(tt_lio_group $p) 3 ;;
	standby:- | unavailable:-) tt_alua $(tt_lio_group $p) $p ;;
	swap:+) tt_alua default_tg_pt_gp 1 && tt_alua nonopt 0 ;;
	swap:-) tt_alua nonopt 1 && tt_alua default_tg_pt_gp 0 ;;
	*) mpt_fail "lun$l-plan" "unknown fault $kind"; return 1 ;;
	esac
}

# ---- a LUN whole again -------------------------------------------------------
# tt_whole L: every path of LUN L is in its map and A, and the map queues
# (one dmsetup, no other fork).
tt_whole() {
	local l=$1 map np p=0 st dev
	eval "map=\$TT_MAP_$l np=\$TT_NPATHS_$l"
	st=" $(dmsetup table $map; dmsetup status $map) "
	case $st in *queue_if_no_path*) ;; *) return 1 ;; esac
	while [ $p -lt $np ]; do
		tt_find $l $p || return 1
		read -r dev </sys/block/$tt_d/dev || return 1
		case $st in *" $dev A "*) ;; *) return 1 ;; esac
		p=$((p + 1))
	done
}
# tt_uptime: whole seconds since boot into tt_up, without a fork.
tt_uptime() { read -r tt_up _ </proc/uptime; tt_up=${tt_up%.*}; }
# tt_wait_whole L SECONDS: poll tt_whole once a second, for SECONDS of the
# guest's clock (a starved guest polls less often, not for less time).
tt_wait_whole() {
	local end
	tt_uptime
	end=$((tt_up + $2))
	while :; do
		tt_whole $1 && return 0
		tt_uptime
		[ $tt_up -lt $end ] || return 1
		sleep 1
	done
}

# ---- one window ----------------------------------------------------------------
# tt_writer_stop TAG: stop the writer; sets tt_errors and tt_stall_ms.
tt_writer_stop() {
	local pid sum
	eval "pid=\$mpt_writer_$1"
	touch /tmp/$1.stop
	tt_errors=? tt_stall_ms=?
	mpt_wait_for 180 sh -c "! kill -0 $pid 2>/dev/null" || return 1
	sum=$(grep '^mpt-writer write: seed' /tmp/$1.log)
	tt_errors=$(echo "$sum" | sed -n 's/.* errors=\([0-9]*\) .*/\1/p')
	tt_stall_ms=$(echo "$sum" | sed -n 's/.* max_latency_ms=\([0-9]*\).*/\1/p')
	[ -n "$tt_errors" ]
}
# tt_verify TAG DEV: read every block back; sets tt_bad.
tt_verify() {
	mpt-writer verify $2 --state /tmp/$1.state >/tmp/$1.verify 2>&1
	tt_bad=$(sed -n 's/^mpt-writer verify: .* bad=\([0-9]*\) .*/\1/p' /tmp/$1.verify)
	[ -n "$tt_bad" ] || { tt_bad=?; return 1; }
}

# tt_window L N WSEED CLASS EVENTS...
tt_window() {
	local l=$1 n=$2 wseed=$3 class=$4 tag=w$1 dev ev events t0 rec ok=1 kinds= why=
	local log0 down0= down1= down_s=- errors_ok=0
	shift 4
	events=$*
	dev=$(tt_var DEV $l)
	mpt_writer_start $tag $dev --iops 20 --depth 4 --blocks 1024 --seed $wseed \
		$(tt_var WARGS $l)
	case $class in down_*) echo $class >>/tmp/tt.faults.$l ;; esac
	log0=$(wc -l </tmp/daemon.log)
	for ev in $events; do
		IFS=:
		set -- $ev
		IFS=$tt_ifs
		sleep $1
		case $class:$2 in paths:+) echo $3 >>/tmp/tt.faults.$l; kinds=$kinds${kinds:+,}$3 ;; esac
		tt_fault $l $2 $3 $4 || { ok=0; why="$why fault $2$3:$4 failed;"; }
		# an outage lasts from the last path down to the first back
		case $class:$2 in
		down_*:+) down0=$(mpt_now) ;;
		down_*:-) [ -n "$down1" ] || down1=$(mpt_now) ;;
		esac
	done
	[ -n "$down1" ] && down_s=$(echo "$down1 $down0" | awk '{ printf "%.1f", $1 - $2 }')
	t0=$(mpt_now)
	if tt_wait_whole $l 90; then
		rec=$(mpt_since $t0)
	else
		rec=never ok=0 why="$why not whole 90 s after the faults;"
		dmsetup status $(tt_var MAP $l) | sed 's/^/  | /'
		echo 1 >>/tmp/tt.unrecovered
	fi
	tt_writer_stop $tag || { ok=0; why="$why the writer did not stop;"; }
	if [ "$tt_errors" != 0 ]; then
		grep '^mpt-writer: error' /tmp/$tag.log | head -n 3 | sed 's/^/  | /'
		# Errors are the right answer once queueing ran out: always in
		# a long outage, and in a short one that the slow host made
		# longer than half the queueing time.
		[ $class = down_long ] && errors_ok=1
		[ $class = down_short ] && [ ${down_s%.*} -ge $((TT_QUEUE / 2)) ] && errors_ok=1
		[ $errors_ok = 1 ] || { ok=0; why="$why $tt_errors I/O errors;"; }
	fi
	tt_verify $tag $dev || { ok=0; why="$why verify did not run;"; }
	if [ "$tt_bad" != 0 ]; then
		sed 's/^/  | /' /tmp/$tag.verify | tail -n 5
		ok=0 why="$why $tt_bad bad blocks;"
	fi
	echo "TT-WIN lun=$l n=$n class=$class kinds=${kinds:-all} down_s=$down_s errors=$tt_errors" \
		"errors_ok=$errors_ok bad=$tt_bad stall_ms=$tt_stall_ms whole_s=$rec ok=$ok" | tee -a /tmp/tt.win
	[ $ok = 1 ] && return 0
	mpt_fail "lun$l-window$n" "seed $TT_SEED, $class ${kinds:-all}:$why"
	sed -n "$((log0 + 1)),\$p" /tmp/daemon.log | grep "$(tt_var MAP $l)" | tail -n 40 | sed 's/^/  daemon| /'
	dmesg | tail -n 20 | sed 's/^/  kernel| /' 
}

tt_lun_loop() {
	local l=$1 n=0 w wseed class events
	# fd 3: nothing a window runs reads the plan by accident
	while read -r w wseed class events <&3; do
		[ -e /tmp/tt.stop ] && break
		n=$((n + 1))
		tt_window $l $n $wseed $class $events
	done 3</etc/torture/lun.$l
}

# ---- the daemon's own faults ------------------------------------------------------
tt_rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' /proc/$1/status 2>/dev/null; }
tt_daemon_start() {
	mpboot -v 3 daemon >>/tmp/daemon.log 2>&1 && return 0
	mpt_fail daemon-start "mpboot daemon exited $?: $(tail -n 3 /tmp/daemon.log)"
	return 1
}
tt_gone() { ! kill -0 $1 2>/dev/null; }
# tt_pause SECONDS: sleep, but return early once the run is over.
tt_pause() {
	local i=0
	while [ $i -lt ${1%.*} ] && [ ! -e /tmp/tt.stop ]; do sleep 1; i=$((i + 1)); done
}

tt_global_loop() {
	local delay action arg pid rc t
	while read -r delay action arg <&3; do
		tt_pause $delay
		[ -e /tmp/tt.stop ] && break
		case $action in
		kill)
			pid=$(mpt_daemon_pid 2>/dev/null)
			echo "TT-RSS pid=$pid kb=$(tt_rss $pid)" >>/tmp/tt.glob
			kill -KILL $pid
			mpt_wait_for 10 tt_gone $pid || mpt_fail daemon-kill "pid $pid survived SIGKILL"
			sleep $arg
			tt_daemon_start || { sleep 2; tt_daemon_start; } ;;
		reconfigure)
			t=$(mpt_now)
			mpboot ctl --timeout 60 reconfigure >/tmp/tt.ctl 2>&1
			rc=$?
			echo "TT-RECONF s=$(mpt_since $t)" >>/tmp/tt.glob
			[ $rc = 0 ] || mpt_fail reconfigure "exited $rc: $(cat /tmp/tt.ctl)" ;;
		once)
			timeout 120 mpboot --once >/tmp/tt.once 2>&1
			rc=$?
			echo "TT-ONCE rc=$rc" >>/tmp/tt.glob
			[ $rc = 0 ] || sed 's/^/  once| /' /tmp/tt.once | tail -n 5 ;;
		esac
		echo $action >>/tmp/tt.faults.g
		tt_log "$action${arg:+ $arg} done"
	done 3</etc/torture/global
}

# ---- the run ----------------------------------------------------------------------
tt_faults() { cat /tmp/tt.faults.* 2>/dev/null | wc -l; }

tt_setup() {
	local l d n=0 sdn
	mpt_net
	for l in $TT_LUNS; do
		case $(tt_var TYPE $l) in
		lio)
			. /lib/lio.sh
			lio_alua_target iqn.2026-01.test.mpboot:torture || mpt_fail lio "configfs setup failed"
			tt_iscsi_login iqn.2026-01.test.mpboot:torture 127.0.0.1 3260 1
			tt_iscsi_login iqn.2026-01.test.mpboot:torture 127.0.0.1 3261 2 ;;
		iscsi)
			tt_iscsi_login $TGT_IQN 10.0.2.2 $TGT_P1
			tt_iscsi_login $TGT_IQN 10.0.2.2 $RELAY_PORT ;;
		esac
		n=$((n + $(tt_var NPATHS $l)))
	done
	mpt_wait_disks $n || return 1
	tt_iscsi_disks
	# Longer than any hang: the SCSI command timeout must not be what
	# fails an iSCSI path (scenario 20).
	for d in /tmp/tt.disk.*; do
		[ -e "$d" ] && echo 120 >/sys/block/$(cat $d)/device/timeout
	done
	tt_daemon_start || return 1
	for l in $TT_LUNS; do
		d=$(tt_disk $l 0)
		wwid=3$(sed -n 's/^naa\.//p' /sys/block/$d/device/wwid)
		dm=$(mpt_dm_by_uuid mpath-$wwid)
		[ -n "$dm" ] || { mpt_fail lun$l-map "no map for $wwid"; mpt_show; return 1; }
		eval "TT_MAP_$l=$(mpt_dm_name $dm)"
		case $(tt_var LAYER $l) in
		map) eval "TT_DEV_$l=/dev/$dm" ;;
		part | fs)
			sdn=$(mpt_dm_by_uuid part1-mpath-$wwid)
			[ -n "$sdn" ] || { mpt_fail lun$l-part "no partition map"; mpt_show; return 1; }
			eval "TT_DEV_$l=/dev/$sdn" ;;
		esac
		if [ $(tt_var LAYER $l) = fs ]; then
			mkdir -p /mnt/$l
			mount -t ext4 $(tt_var DEV $l) /mnt/$l || { mpt_fail lun$l-mount "mount failed"; return 1; }
			eval "TT_DEV_$l=/mnt/$l/data.bin TT_WARGS_$l='--offset 0'"
		fi
		mpt_check lun$l-whole "LUN $l is not whole at the start" mpt_wait_for 60 tt_whole $l
		echo "  lun $l: $(tt_var TYPE $l), $(tt_var NPATHS $l) paths, map $(tt_var MAP $l), writer on $(tt_var DEV $l)"
	done
}

# tt_figures: the TT-FIG lines (tests/torture/run.sh prints them).
tt_figures() {
	local elapsed=$1 rss0=$2 rss1=$3 left=$4
	echo "TT-FIG seed=$TT_SEED elapsed_s=$elapsed faults=$(tt_faults)"
	echo "TT-FIG faults_by_kind: $(cat /tmp/tt.faults.* 2>/dev/null | sort | uniq -c |
		awk '{ printf "%s%s=%s", (NR > 1 ? " " : ""), $2, $1 }')"
	awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		w++; if (v["ok"] != 1) bad_w++
		c = v["class"]; k = "down_long"
		if (c == "paths") { k = "path"; if (v["kinds"] ~ /hang/) k = "hang" }
		if (c == "down_short") k = "down_short"
		if (v["stall_ms"] + 0 > s[k] + 0) s[k] = v["stall_ms"]
		if (v["errors_ok"] == 1) le += v["errors"]; else e += v["errors"]
		b += v["bad"] }
	END { printf "TT-FIG windows=%d failed_windows=%d\n", w, bad_w
	      printf "TT-FIG app_io_errors_in_queueing_window=%d errors_after_queueing_ran_out=%d\n", e, le
	      printf "TT-FIG corrupt_or_lost_blocks=%d\n", b
	      printf "TT-FIG longest_stall_ms: path_faults=%d hung_path=%d all_down_short=%d all_down_long=%d\n",
		s["path"], s["hang"], s["down_short"], s["down_long"] }' /tmp/tt.win
	echo "TT-FIG poll_plus_checker_timeout_ms=$(( (TT_POLL + TT_CHECKER_TIMEOUT) * 1000 ))"
	echo "TT-FIG daemon_rss_kb: start=$rss0 end=$rss1 before_kills: $(sed -n 's/^TT-RSS .*kb=//p' /tmp/tt.glob 2>/dev/null | sort -n | awk '{ a[NR] = $1 } END { if (NR) printf "min=%s max=%s n=%d", a[1], a[NR], NR }')"
	echo "TT-FIG once_nonzero=$(grep -c 'TT-ONCE rc=[1-9]' /tmp/tt.glob 2>/dev/null)" \
		"longest_reconfigure_s=$(sed -n 's/^TT-RECONF s=//p' /tmp/tt.glob | sort -n | tail -n 1)"
	echo "TT-FIG windows_not_whole=$(cat /tmp/tt.unrecovered 2>/dev/null | wc -l) healthy_paths_left_failed=$left"
}

tt_run() {
	local t0 pids= l rss0 rss1 pid left n last=0
	touch /tmp/tt.win /tmp/tt.glob
	echo "TT-SEED $TT_SEED"
	tt_setup || { mpt_daemon_log; mpt_done; }
	pid=$(mpt_daemon_pid 2>/dev/null)
	rss0=$(tt_rss $pid)
	t0=$(mpt_now)
	for l in $TT_LUNS; do
		tt_lun_loop $l &
		pids="$pids $!"
	done
	tt_global_loop &
	pids="$pids $!"
	while :; do
		sleep 2
		n=$(tt_faults)
		el=$(mpt_since $t0)
		if [ ${el%.*} -ge $TT_SECONDS ] || { [ $TT_FAULTS -gt 0 ] && [ $n -ge $TT_FAULTS ]; }; then
			break
		fi
		[ $((${el%.*} / 60)) != $last ] && { last=$((${el%.*} / 60)); tt_log "progress: $n faults in $el s"; }
	done
	touch /tmp/tt.stop
	tt_log "stopping: $n faults in $el s; the windows in progress finish"
	wait $pids
	el=$(mpt_since $t0)
	# The end: every path healthy again must be A within a few checks.
	for l in $TT_LUNS; do
		mpt_wait_for 60 tt_whole $l || echo "  lun $l not whole: $(dmsetup status $(tt_var MAP $l))"
	done
	left=0
	for l in $TT_LUNS; do
		p=0
		while [ $p -lt $(tt_var NPATHS $l) ]; do
			d=$(tt_disk $l $p)
			[ -n "$d" ] && mpt_path_is $(tt_var MAP $l) $d A || left=$((left + 1))
			p=$((p + 1))
		done
	done
	mpt_eq paths-left-failed "healthy paths left failed at the end" $left 0
	pid=$(mpt_daemon_pid 2>/dev/null)
	mpt_check daemon-alive "no daemon at the end" test -n "$pid"
	rss1=$(tt_rss $pid)
	tt_figures $el $rss0 $rss1 $left
	echo "TT-SUMMARY $(awk '$NF == "ok=1" { p++ } $NF != "ok=1" { f++ } END { printf "%d passed, %d failed", p, f }' /tmp/tt.win)"
	mpt_daemon_log 30
	mpt_done
}
