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
