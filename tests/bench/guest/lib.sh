# Guest helpers of the benchmarks (busybox sh), /bench/lib.sh; the
# caller sets disks (how many sd disks the host attached).

# Wait for every disk and both partitions of each; probing 1024 disks under
# TCG takes minutes, so the budget grows with the count.
bench_wait_disks() {
	local want_parts=$((disks * 2)) i=0 limit=$((300 + disks)) nd np
	while :; do
		nd=0 np=0
		for d in /sys/block/sd*; do
			[ -e "$d" ] || continue
			nd=$((nd + 1))
			for p in "$d"/sd*[0-9]; do [ -e "$p" ] && np=$((np + 1)); done
		done
		[ $nd -ge $disks ] && [ $np -ge $want_parts ] && return 0
		i=$((i + 1))
		if [ $i -ge $limit ]; then
			mpt_fail wait-disks "$nd of $disks disks, $np of $want_parts partitions"
			return 1
		fi
		sleep 1
	done
}

# bench_wait_until SECONDS CMD...: run CMD every second until it succeeds,
# for at most SECONDS by the clock (CMD itself may take long).
bench_wait_until() {
	local end=$(($(cut -d. -f1 /proc/uptime) + $1))
	shift
	while :; do
		"$@" && return 0
		[ "$(cut -d. -f1 /proc/uptime)" -lt $end ] || return 1
		sleep 1
	done
}
