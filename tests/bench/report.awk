# Figures for one size from the guest's console log.
#   awk -v size=16x2 -v luns=16 -v paths=2 -v md=ROWS_FILE -f report.awk LOG
# Prints the table; appends one markdown row to ROWS_FILE; exits 1 when a
# run failed or the two tools built different numbers of maps or partition
# maps (each failure named on stderr). Round 0 is the warm-up: shown in the
# raw log, left out here.

function fail(msg) {
	printf "bench: %s: %s\n", size, msg > "/dev/stderr"
	failed = 1
}

# median of a[1..n] (n > 0); sorts a copy.
function median(a, n,    b, i, j, t) {
	for (i = 1; i <= n; i++) b[i] = a[i]
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && b[j - 1] > b[j]; j--) {
			t = b[j]; b[j] = b[j - 1]; b[j - 1] = t
		}
	return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
}

function minof(a, n,    i, m) {
	m = a[1]
	for (i = 2; i <= n; i++) if (a[i] < m) m = a[i]
	return m
}

function maxof(a, n,    i, m) {
	m = a[1]
	for (i = 2; i <= n; i++) if (a[i] > m) m = a[i]
	return m
}

function ms(us) { return sprintf("%.1f", us / 1000) }

function mib(kb) { return sprintf("%.1f MiB", kb / 1024) }

# row LABEL WALL[] CPU[] RSS MAPS PARTS
function row(label, w, c, rss, maps, parts) {
	printf "  %-28s %9s  %-19s %9s  %9s  %5s %6s\n", label, ms(median(w, n)),
		"(" ms(minof(w, n)) " .. " ms(maxof(w, n)) ")", ms(median(c, n)),
		mib(rss), maps, parts
}

# The serial console ends lines with CR LF.
{ sub(/\r$/, "") }

/^BENCH-DISKS-READY/ { ready = $2 }
/^BENCH-MEM/ { mem = $2 " " $3 }
/^MPT-FAIL/ { fail("guest: " substr($0, 10)) }
/^MPT-DONE/ { done = 1 }
/^BENCH-COUNT/ {
	tool = $2; r = $3
	cmaps[tool, r] = $4; cparts[tool, r] = $5
	if (r > rounds) rounds = r
}
/^BENCH-RESULTS/ { in_res = 1; next }
/^BENCH-END/ { in_res = 0; ended = 1; next }
in_res && NF == 7 {
	label = $1; r = $2
	wall[label, r] = $3; cpu[label, r] = $4 + $5; rss[label, r] = $6
	if ($7 != 0) fail(label " round " r " exited " $7)
	next
}

END {
	if (!done) fail("guest did not finish (no MPT-DONE)")
	if (!ended) fail("no results from the guest")
	n = rounds
	if (n < 1) { fail("no measured round"); exit 1 }
	mt_rss = mp_rss = mpath_rss = kp_rss = dry_rss = 0
	for (r = 1; r <= n; r++) {
		mpath_w[r] = wall["mt-multipath", r]; mpath_c[r] = cpu["mt-multipath", r]
		kp_w[r] = wall["mt-kpartx", r]; kp_c[r] = cpu["mt-kpartx", r]
		mt_w[r] = mpath_w[r] + kp_w[r]; mt_c[r] = mpath_c[r] + kp_c[r]
		mp_w[r] = wall["mpboot", r]; mp_c[r] = cpu["mpboot", r]
		dry_w[r] = wall["mpboot-dry", r]; dry_c[r] = cpu["mpboot-dry", r]
		if (rss["mpboot-dry", r] > dry_rss) dry_rss = rss["mpboot-dry", r]
		fmt_w[r] = wall["flush-mt", r]; fmp_w[r] = wall["flush-mpboot", r]
		if (rss["mt-multipath", r] > mpath_rss) mpath_rss = rss["mt-multipath", r]
		if (rss["mt-kpartx", r] > kp_rss) kp_rss = rss["mt-kpartx", r]
		if (rss["mpboot", r] > mp_rss) mp_rss = rss["mpboot", r]
	}
	mt_rss = mpath_rss > kp_rss ? mpath_rss : kp_rss
	for (r = 0; r <= n; r++) {
		if (cmaps["mt", r] != cmaps["mpboot", r] || cparts["mt", r] != cparts["mpboot", r])
			fail(sprintf("round %d: multipath-tools built %d maps and %d partition maps, mpboot %d and %d",
				r, cmaps["mt", r], cparts["mt", r], cmaps["mpboot", r], cparts["mpboot", r]))
		if (cmaps["mt", r] != luns || cparts["mt", r] != 2 * luns)
			fail(sprintf("round %d: multipath-tools built %d maps and %d partition maps, expected %d and %d",
				r, cmaps["mt", r], cparts["mt", r], luns, 2 * luns))
	}
	ratio = median(mp_w, n) > 0 ? median(mt_w, n) / median(mp_w, n) : 0
	cratio = median(mp_c, n) > 0 ? median(mt_c, n) / median(mp_c, n) : 0
	printf "\n== %s: %d LUNs x %d paths = %d sd disks; disks ready %s s after boot; guest RAM %s; %d rounds after a warm-up\n",
		size, luns, paths, luns * paths, ready, mem, n
	printf "  %-28s %9s  %-19s %9s  %9s  %5s %6s\n", "", "wall ms", "(min .. max)",
		"CPU ms", "peak RSS", "maps", "parts"
	row("multipath + kpartx", mt_w, mt_c, mt_rss, cmaps["mt", n], cparts["mt", n])
	row("  multipath", mpath_w, mpath_c, mpath_rss, "", "")
	row("  kpartx -a, once per map", kp_w, kp_c, kp_rss, "", "")
	row("mpboot --once", mp_w, mp_c, mp_rss, cmaps["mpboot", n], cparts["mpboot", n])
	row("  of which scan + plan", dry_w, dry_c, dry_rss, "", "")
	printf "  %-28s %8.1fx  %-19s %8.1fx  %8.1fx\n", "multipath-tools / mpboot", ratio, "",
		cratio, mp_rss ? mt_rss / mp_rss : 0
	printf "  %-28s %9s  (once, before round 0; stands for udev's work, not counted above)\n",
		"udev database entries", ms(wall["udevdb", 0])
	printf "  %-28s %9s  after multipath-tools, %s after mpboot (median)\n",
		"flush: dmsetup remove_all", ms(median(fmt_w, n)), ms(median(fmp_w, n))
	printf("| %s | %s | %s | %.1fx | %s | %s | %s | %s | %d / %d |\n", size,
		ms(median(mt_w, n)), ms(median(mp_w, n)), ratio,
		ms(median(mt_c, n)), ms(median(mp_c, n)), mib(mt_rss), mib(mp_rss),
		cmaps["mpboot", n], cparts["mpboot", n]) >> md
	exit failed
}
