# The real root's side of `make demo` (scripts/demo.sh), run by
# mpt-test.service after multi-user.target: show what booting through
# mpboot left behind, then power off.
. /usr/lib/mpt.sh
step() { echo; echo "==> $*"; }
run() { echo "# $*"; "$@" 2>&1 | sed 's/^/    /'; }

systemctl is-system-running --wait >/dev/null
echo
echo "MPT-START"
step "systemd in the real root (root=UUID=..., reached through mpboot as /init):"
run systemctl status --no-pager --lines=0
step "The maps, from mpboot's daemon (started in the initramfs, still running):"
run mpboot ctl show maps
run mpboot ctl show paths
step "The block devices:"
run lsblk -o NAME,MAJ:MIN,SIZE,TYPE,MOUNTPOINTS
run findmnt /
step "The daemon, named with @ so that systemd spares it:"
for p in /proc/[0-9]*; do
	cmd=$(cat "$p/cmdline" 2>/dev/null | tr '\0' ' ')
	case $cmd in @mpboot\ *) echo "    pid ${p#/proc/}: $cmd" ;; esac
done
step "Done; powering off."
echo "MPT-DONE 0"
systemctl poweroff --no-block
