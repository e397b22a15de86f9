# The guest side of `make demo` (scripts/demo.sh): show, step by step,
# mpboot assembling a two-path LUN and the root file system on it.
. /lib/mpt.sh
step() { echo; echo "==> $*"; }
run() { echo "# $*"; "$@" 2>&1 | sed 's/^/    /'; }

step "The kernel sees the same LUN twice, once per virtio-scsi controller:"
for d in /sys/block/sd*; do
	echo "    $(basename $d): $(cat $d/device/vendor | tr -d ' ') $(cat $d/device/model) wwid $(cat $d/device/wwid)"
done
step "What mpboot finds:"
run mpboot paths
step "Assemble the multipath map and its partition maps:"
run mpboot --once
step "The map, its path groups and paths:"
run mpboot list
step "Device-mapper agrees:"
run dmsetup table
step "Mount the root partition through its partition map (UUID part1-mpath-...):"
wwid=3$(sed -n 's/^naa\.//p' /sys/block/sda/device/wwid)
root=$(mpt_dm_by_uuid part1-mpath-$wwid)
if [ -n "$root" ] && mount -t ext4 -o ro /dev/$root /mnt; then
	echo "    /dev/$root ($(mpt_dm_name $root)) on /mnt"
	run ls -l /mnt /mnt/etc
	run cat /mnt/etc/motd
	umount /mnt
	mpt_ok demo
else
	mpt_fail demo "no partition map part1-mpath-$wwid to mount"
fi
step "Done; powering off."
mpt_done
