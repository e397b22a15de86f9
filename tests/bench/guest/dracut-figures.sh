#!/bin/sh
# /mpt-test.sh of tests/bench/dracut.sh, in the booted Debian real root
# (mpt-test.service, after multi-user.target): the boot's figures from
# systemd's own timestamps (CLOCK_MONOTONIC, microseconds since the
# kernel started), then a forced poweroff (the disk is a throw-away copy).
#   initrd      the initramfs' systemd started
#   switch      the real root's systemd started (after switch_root)
#   multiuser   multi-user.target reached
#   failed      failed units once the boot ended
#   root        the dm UUID of / (part1-mpath-WWID: / on the map)
# and, as BENCH-CHAIN and BENCH-BLAME lines, systemd-analyze's critical
# chain to multi-user.target and its slowest units.
ts() { systemctl show -p "$1" --value ${2:+"$2"}; }
secs() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000000 }'; }
systemctl is-system-running --wait >/dev/null
devno=$(findmnt -n -o MAJ:MIN / | tr -d ' ')
echo "BENCH-DRACUT initrd=$(secs "$(ts InitRDTimestampMonotonic)")" \
	"switch=$(secs "$(ts UserspaceTimestampMonotonic)")" \
	"multiuser=$(secs "$(ts ActiveEnterTimestampMonotonic multi-user.target)")" \
	"failed=$(systemctl list-units --failed --no-legend --plain --no-pager | wc -l)" \
	"root=$(cat "/sys/dev/block/$devno/dm/uuid" 2>/dev/null || echo "$devno")"
# where the real root's time went, for a reader of the console log
systemd-analyze critical-chain multi-user.target --no-pager 2>&1 |
	sed 's/^/BENCH-CHAIN /'
systemd-analyze blame --no-pager 2>&1 | head -n 12 | sed 's/^/BENCH-BLAME /'
sync
systemctl poweroff --force --force
