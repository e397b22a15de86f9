# Guest helpers for /test.sh (busybox sh). Prefix mpt_. Every check prints
# one marker; a test script keeps going after a failure so one run reports
# everything, and its exit status is the number of failures (capped).
mpt_failed=0

mpt_ok() { echo "MPT-OK $1"; }
mpt_fail() {
	echo "MPT-FAIL $1: $2"
	mpt_failed=$((mpt_failed + 1))
}

# mpt_check NAME WHY CMD...: CMD must succeed. (busybox sh scopes locals
# dynamically: prefixed names keep CMD's functions seeing the caller's.)
mpt_check() {
	local mpt_name=$1 mpt_why=$2
	shift 2
	if "$@"; then mpt_ok "$mpt_name"; else mpt_fail "$mpt_name" "$mpt_why"; fi
}

# mpt_rc NAME EXPECTED CMD...: run CMD (output to the console, prefixed),
# its exit status must be EXPECTED.
mpt_rc() {
	local mpt_name=$1 mpt_want=$2 mpt_status
	shift 2
	echo "+ $*"
	"$@" >/tmp/out 2>&1
	mpt_status=$?
	sed 's/^/  | /' /tmp/out
	if [ "$mpt_status" = "$mpt_want" ]; then mpt_ok "$mpt_name"
	else mpt_fail "$mpt_name" "'$*' exited $mpt_status, expected $mpt_want"; fi
}

# mpt_eq NAME WHAT GOT WANT
mpt_eq() {
	if [ "$3" = "$4" ]; then mpt_ok "$1"
	else mpt_fail "$1" "$2 is '$3', expected '$4'"; fi
}

mpt_done() { exit $((mpt_failed > 100 ? 100 : mpt_failed)); }

# mpt_wait_disks N: wait (up to 30 s) until N sd* disks are there.
mpt_wait_disks() {
	local i=0 n
	while :; do
		n=$(ls /sys/block | grep -c '^sd')
		[ "$n" -ge "$1" ] && return 0
		i=$((i + 1))
		[ $i -ge 150 ] && { mpt_fail wait-disks "only $n of $1 disks"; return 1; }
		sleep 0.2
	done
}

# mpt_dm_by_uuid UUID: the dm-N whose dm/uuid is UUID (empty if none).
mpt_dm_by_uuid() {
	local d
	for d in /sys/block/dm-*; do
		[ -e "$d/dm/uuid" ] || continue
		[ "$(cat "$d/dm/uuid")" = "$1" ] && { basename "$d"; return 0; }
	done
	return 1
}

# mpt_dm_name DM: its map name.
mpt_dm_name() { cat "/sys/block/$1/dm/name"; }

# mpt_slaves DM: its slave block devices, sorted, space separated.
mpt_slaves() { ls "/sys/block/$1/slaves" 2>/dev/null | sort | tr '\n' ' ' | sed 's/ $//'; }

# mpt_count_mpath: how many maps have a mpath- UUID (not partitions).
mpt_count_mpath() {
	local d n=0
	for d in /sys/block/dm-*; do
		[ -e "$d/dm/uuid" ] || continue
		case $(cat "$d/dm/uuid") in mpath-*) n=$((n + 1)) ;; esac
	done
	echo $n
}

# mpt_disks_of_wwn WWN_HEX: the sd* disks whose wwid shows naa.WWN_HEX.
mpt_disks_of_wwn() {
	local d
	for d in /sys/block/sd*; do
		grep -qi "naa.$1" "$d/device/wwid" 2>/dev/null && basename "$d"
	done | sort | tr '\n' ' ' | sed 's/ $//'
}

# mpt_devno DISK: its MAJ:MIN.
mpt_devno() { cat "/sys/block/$1/dev"; }

# mpt_table_has_paths MAPNAME DISK...: every DISK's MAJ:MIN is in the table.
mpt_table_has_paths() {
	local map=$1 t d
	shift
	t=$(dmsetup table "$map" 2>/dev/null) || return 1
	for d; do
		case " $t " in *" $(mpt_devno "$d") "*) ;; *) return 1 ;; esac
	done
}

# mpt_show: print the dm state (for the log).
mpt_show() {
	echo "--- dmsetup table"; dmsetup table 2>&1 | sed 's/^/  | /'
	echo "--- dmsetup info -c"; dmsetup info -c -o name,uuid,open 2>&1 | sed 's/^/  | /'
}

# mpt_table_groups MAP: one line per path group of a multipath table, the
# group's MAJ:MIN list. Works on what the kernel reads back, whatever the
# number of feature, handler, selector and path arguments.
mpt_table_groups() {
	dmsetup table "$1" 2>/dev/null | awk '{
		i = 4; i += $i + 1          # features
		i += $i + 1                 # hardware handler
		npg = $i; i += 2            # #pgs, initial pg
		for (g = 0; g < npg; g++) {
			i++; i += $i + 1        # selector name, its args
			np = $i; na = $(i + 1); i += 2
			line = ""
			for (p = 0; p < np; p++) { line = line (p ? " " : "") $i; i += na + 1 }
			print line
		}
	}'
}

# mpt_table_hwhandler MAP: e.g. "0" or "1 alua".
mpt_table_hwhandler() {
	dmsetup table "$1" 2>/dev/null | awk '{
		i = 4; i += $i + 1; s = $i
		for (k = 1; k <= $i; k++) s = s " " $(i + k)
		print s }'
}

# mpt_check_parts TAG WWID MAPNAME DISK N...: partition N of the multipath
# map has UUID partN-mpath-WWID, the kpartx name, the partition's size and
# start (as the kernel sees them on DISK, one of the paths), and sits on
# the map.
mpt_check_parts() {
	local tag=$1 wwid=$2 map=$3 disk=$4 n dm pname want_start got_start
	shift 4
	case $map in *[0-9]) pname=${map}p ;; *) pname=$map ;; esac
	for n; do
		dm=$(mpt_dm_by_uuid "part$n-mpath-$wwid")
		if [ -z "$dm" ]; then
			mpt_fail "$tag-part$n" "no map with uuid part$n-mpath-$wwid"
			continue
		fi
		mpt_eq "$tag-part$n-name" "name of $dm" "$(mpt_dm_name $dm)" "$pname$n"
		mpt_eq "$tag-part$n-size" "size of $dm" "$(cat /sys/block/$dm/size)" \
			"$(cat /sys/block/$disk/$disk$n/size)"
		want_start="$(cat /sys/block/$disk/$disk$n/start)"
		got_start=$(dmsetup table "$(mpt_dm_name $dm)" | awk '{ print $3 == "linear" ? $5 : "?" }')
		mpt_eq "$tag-part$n-start" "linear start of $dm" "$got_start" "$want_start"
		mpt_eq "$tag-part$n-parent" "slaves of $dm" "$(mpt_slaves $dm)" \
			"$(mpt_dm_by_uuid "mpath-$wwid")"
	done
}

# mpt_md5 FILE [SKIP COUNT]: md5 of 512-byte blocks.
mpt_md5() {
	dd if="$1" bs=512 skip="${2:-0}" ${3:+count=$3} 2>/dev/null | md5sum | cut -d' ' -f1
}

# mpt_net: the guest's user-network address; the host's loopback is 10.0.2.2.
mpt_net() {
	ip link set lo up
	ip link set eth0 up
	ip addr add 10.0.2.15/24 dev eth0
}

# mpt_iscsi_login TARGET_IQN TPGT ADDR PORT: one session with iscsistart.
mpt_iscsi_login() {
	iscsistart -i iqn.2026-01.test.mpboot:guest -t "$1" -g "$2" -a "$3" -p "$4" 2>&1 |
		sed 's/^/  | /'
}

# mpt_sysfs_copy OUT DISK: copy exactly the sysfs files the scanner reads
# for DISK into OUT (a tree --sysfs takes), symlinks kept as the relative
# links sysfs has; files that do not exist are left out.
mpt_sysfs_copy() {
	local out=$1 sd=$2 blk scsi anc part f c
	_mpt_link() {
		mkdir -p "$out/$(dirname "$1")"
		ln -s "$(readlink "/sys/$1")" "$out/$1"
	}
	_mpt_file() {
		[ -f "/sys/$1" ] || return 0
		mkdir -p "$out/$(dirname "$1")"
		cat "/sys/$1" >"$out/$1" 2>/dev/null || rm -f "$out/$1"
	}
	_mpt_link block/$sd
	blk=$(readlink -f /sys/block/$sd); blk=${blk#/sys/}
	_mpt_file $blk/dev
	_mpt_file $blk/size
	_mpt_file $blk/queue/logical_block_size
	_mpt_link $blk/device
	scsi=$(readlink -f /sys/$blk/device); scsi=${scsi#/sys/}
	for f in vendor model rev state vpd_pg83 vpd_pg80 dh_state access_state preferred_path; do
		_mpt_file $scsi/$f
	done
	anc=
	for part in $(echo $scsi | tr / ' '); do
		anc=${anc:+$anc/}$part
		case $part in
		session[0-9]*)
			for f in targetname tpgt state; do
				_mpt_file $anc/iscsi_session/$part/$f
			done
			for c in /sys/$anc/connection*; do
				c=$(basename $c)
				_mpt_file $anc/$c/iscsi_connection/$c/persistent_address
				_mpt_file $anc/$c/iscsi_connection/$c/persistent_port
			done ;;
		rport-*)
			for f in node_name port_name port_state; do
				_mpt_file $anc/fc_remote_ports/$part/$f
			done ;;
		end_device-*)
			_mpt_file $anc/sas_device/$part/sas_address ;;
		esac
	done
}

# ---- waiting, the host mailbox, the daemon, the writer ---------------------

# mpt_wait_for SECONDS CMD...: poll CMD every 0.5 s until it succeeds.
mpt_wait_for() {
	local mpt_n=$(($1 * 2))
	shift
	while [ $mpt_n -gt 0 ]; do
		"$@" && return 0
		sleep 0.5
		mpt_n=$((mpt_n - 1))
	done
	return 1
}

# mpt_now: seconds since boot, with tenths (for the printed figures).
mpt_now() { cut -d' ' -f1 /proc/uptime; }
# mpt_since T0: seconds from T0 (an mpt_now) until now.
mpt_since() { echo "$(mpt_now) $1" | awk '{ printf "%.1f", $1 - $2 }'; }
# mpt_within NAME WHAT SECONDS LIMIT: SECONDS (a figure) is at most LIMIT.
mpt_within() {
	if awk -v s="$3" -v l="$4" 'BEGIN { exit !(s <= l) }'; then mpt_ok "$1"
	else mpt_fail "$1" "$2 took $3 s, more than $4 s"; fi
}

# mpt_host CMD ARGS...: ask the host to do something (scenarios with a
# mailbox disk, lib.sh's vm_mailbox and vm_serve) and wait until it says
# it is done. The host answers "done N" or "failed N" in the mailbox, the
# first sector of /dev/vda, N counting the requests.
mpt_host_seq=
mpt_mailbox() { dd if=/dev/vda bs=512 count=1 iflag=direct 2>/dev/null | tr -d '\0'; }
mpt_host_answered() { case "$(mpt_mailbox)" in *" $mpt_host_seq") return 0 ;; esac; return 1; }
mpt_host() {
	# a second shell (a unit's ExecStop) goes on from the last answer
	[ -n "$mpt_host_seq" ] ||
		mpt_host_seq=$(mpt_mailbox | sed -n 's/^[a-z]* \([0-9]*\)$/\1/p')
	mpt_host_seq=$((${mpt_host_seq:-0} + 1))
	echo "MPT-HOST $mpt_host_seq $*"
	if ! mpt_wait_for 120 mpt_host_answered; then
		mpt_fail "host-$1" "the host did not answer '$*'"
		return 1
	fi
	[ "$(mpt_mailbox)" = "done $mpt_host_seq" ] && return 0
	mpt_fail "host-$1" "the host could not do '$*'"
	return 1
}

# mpt_path_state MAP DISK: A or F, DISK's state in the kernel's map (empty
# when DISK is not in it).
mpt_path_state() {
	dmsetup status "$1" 2>/dev/null | grep -o "$(mpt_devno "$2") [AF]" | cut -d' ' -f2
}
# mpt_path_is MAP DISK STATE (a predicate for mpt_wait_for)
mpt_path_is() { test "$(mpt_path_state "$1" "$2")" = "$3"; }

# mpt_status_groups MAP: one line per path group of the kernel's status:
# its state (A active, E enabled, D disabled), then MAJ:MIN:A|F per path.
mpt_status_groups() {
	dmsetup status "$1" 2>/dev/null | awk '{
		i = 4; i += $i + 1          # features
		i += $i + 1                 # hardware handler
		npg = $i; i += 2            # #pgs, next pg
		for (g = 0; g < npg; g++) {
			line = $i; i++
			i += $i + 1             # selector status args
			np = $i; na = $(i + 1); i += 2
			for (p = 0; p < np; p++) { line = line " " $i ":" $(i + 1); i += na + 3 }
			print line
		}
	}'
}

# mpt_active_group MAP: the number (from 1) of the group the kernel sends
# I/O to (state A), empty when none is.
mpt_active_group() { mpt_status_groups "$1" | awk '$1 == "A" { print NR; exit }'; }

# mpt_disk_of DEVNO: the sd disk with that MAJ:MIN.
mpt_disk_of() {
	local d
	for d in /sys/block/sd*; do
		[ "$(cat "$d/dev")" = "$1" ] && { basename "$d"; return 0; }
	done
	return 1
}

# mpt_host_of DISK: its SCSI host number (QEMU path N is host N when the
# controllers are the only SCSI hosts, see lib.sh's vm_lun).
mpt_host_of() { basename "$(readlink -f "/sys/block/$1/device")" | cut -d: -f1; }

# mpt_pathloss_arm WWID: start mpt-pathloss.service (the host's
# rr_pathloss_unit), after running once each program its stop needs, while
# the root is there. Then `/mpt-test.sh pathloss` has to call mpt_pathloss.
mpt_pathloss_arm() {
	local d
	for d in $(mpt_disks_of_wwn "${1#3}"); do
		mpt_host_of "$d" >/dev/null
		mpt_path_is none "$d" F
	done
	mpt_now >/dev/null
	mpt_mailbox >/dev/null
	mpt_check pathloss-armed "mpt-pathloss.service did not start" \
		systemctl start mpt-pathloss.service
}

# mpt_pathloss WWID: the stop of mpt-pathloss.service, during the
# shutdown. Dirties the root (what the last stage has to write back with
# no path left), asks the host to fail every path of WWID's LUN with EIO,
# waits until the kernel has failed them all, and prints MPT-DONE.
mpt_pathloss() {
	local name i d disks
	name=$(mpt_dm_name "$(mpt_dm_by_uuid "mpath-$1")")
	disks=$(mpt_disks_of_wwn "${1#3}")
	echo "MPT-PATHLOSS $(mpt_now)"
	i=0
	while [ $i -lt 2000 ]; do echo "$i not written"; i=$((i + 1)); done \
		>/var/tmp/mpt-dirty
	for d in $disks; do
		mpt_host eio "$(mpt_host_of "$d")"
	done
	mpt_all_failed() {
		for d in $disks; do mpt_path_is "$name" "$d" F || return 1; done
	}
	mpt_check all-failed "the paths are not all failed: $(dmsetup status "$name")" \
		mpt_wait_for 60 mpt_all_failed
	dmsetup status "$name"
	echo "MPT-DONE $mpt_failed"
}

# mpt_daemon_start TAG [ARGS]: `mpboot daemon` (returns once ready); what
# it says before it detaches goes to /tmp/daemon.log, then it logs to the
# kernel's log (mpt_daemon_log shows both).
mpt_daemon_start() {
	local mpt_tag=$1
	shift
	echo "+ mpboot -v 3 $* daemon"
	if mpboot -v 3 "$@" daemon >>/tmp/daemon.log 2>&1; then mpt_ok "$mpt_tag"
	else mpt_fail "$mpt_tag" "mpboot daemon exited $?: $(tail -n 3 /tmp/daemon.log)"; fi
}

# mpt_daemon_pid: the running daemon's pid (empty if none): the process
# that holds the control socket @mpboot. Not by its command line: the
# daemon's partition readers are forks with the same one, and one left
# waiting on a map without paths must not be taken for it.
mpt_daemon_pid() {
	local ino p
	ino=$(awk '$8 == "@mpboot" { print $7; exit }' /proc/net/unix)
	[ -n "$ino" ] || return 1
	for p in /proc/[0-9]*; do
		ls -l "$p/fd" 2>/dev/null | grep -q "socket:\[$ino\]" &&
			{ basename "$p"; return 0; }
	done
	return 1
}

# mpt_daemon_log [LINES]: the daemon's last log lines, for the console.
mpt_daemon_log() {
	{ cat /tmp/daemon.log 2>/dev/null; dmesg | grep 'mpboot\['; } |
		tail -n "${1:-40}" | sed 's/^/  daemon| /'
}

# mpt_writer_start TAG DEV [ARGS]: mpt-writer on DEV in the background
# (100 writes a second unless ARGS say otherwise), its output in
# /tmp/TAG.log, its state in /tmp/TAG.state; stopped by mpt_writer_stop.
mpt_writer_start() {
	local mpt_tag=$1 mpt_dev=$2
	shift 2
	rm -f "/tmp/$mpt_tag.stop" "/tmp/$mpt_tag.state"
	mpt-writer write "$mpt_dev" --iops 100 --progress 1 --stop "/tmp/$mpt_tag.stop" \
		--state "/tmp/$mpt_tag.state" "$@" >"/tmp/$mpt_tag.log" 2>&1 &
	eval "mpt_writer_$mpt_tag=$!"
	mpt_wait_for 30 grep -q '^mpt-writer: progress' "/tmp/$mpt_tag.log" ||
		mpt_fail "$mpt_tag-start" "the writer did not start: $(cat "/tmp/$mpt_tag.log")"
	grep '^mpt-writer write: start' "/tmp/$mpt_tag.log"
}

# mpt_writer_done TAG: completed writes so far (its last progress line).
mpt_writer_done() {
	sed -n 's/^mpt-writer: progress .* done=\([0-9]*\) .*/\1/p' "/tmp/$1.log" | tail -n 1
}
# mpt_writer_errors TAG: the I/O errors it reported so far.
mpt_writer_errors() { grep -c '^mpt-writer: error' "/tmp/$1.log"; }
# mpt_writer_moves TAG: true when writes complete (within 5 s).
mpt_writer_moved() { test "$(mpt_writer_done "$1")" != "$2"; }
mpt_writer_moves() { mpt_wait_for 5 mpt_writer_moved "$1" "$(mpt_writer_done "$1")"; }

# mpt_writer_stop TAG [ERRORS]: stop the writer, wait for every write in
# flight; its summary must say errors=ERRORS (default 0; "any" accepts
# any number). Prints the summary (the longest write is a figure).
mpt_writer_stop() {
	local mpt_tag=$1 mpt_want=${2:-0} mpt_pid mpt_sum mpt_got
	eval "mpt_pid=\$mpt_writer_$mpt_tag"
	touch "/tmp/$mpt_tag.stop"
	if ! mpt_wait_for 120 sh -c "! kill -0 $mpt_pid 2>/dev/null"; then
		mpt_fail "$mpt_tag-stopped" "the writer still waits for its writes"
		return 1
	fi
	grep '^mpt-writer: error' "/tmp/$mpt_tag.log" | head -n 5
	mpt_sum=$(grep '^mpt-writer write: seed' "/tmp/$mpt_tag.log")
	echo "  $mpt_sum"
	mpt_got=$(echo "$mpt_sum" | sed -n 's/.* errors=\([0-9]*\) .*/\1/p')
	if [ "$mpt_want" = any ]; then
		[ -n "$mpt_got" ] && mpt_ok "$mpt_tag-summary" ||
			mpt_fail "$mpt_tag-summary" "no summary line from the writer"
	else
		mpt_eq "$mpt_tag-errors" "I/O errors the writer saw" "$mpt_got" "$mpt_want"
	fi
}

# mpt_writer_verify TAG DEV: read back everything the writer wrote.
mpt_writer_verify() {
	mpt-writer verify "$2" --state "/tmp/$1.state" >/tmp/verify.out 2>&1
	sed 's/^/  | /' /tmp/verify.out | tail -n 22
	mpt_eq "$1-verify" "blocks that read back wrong" \
		"$(sed -n 's/^mpt-writer verify: .* bad=\([0-9]*\) .*/\1/p' /tmp/verify.out)" 0
}
