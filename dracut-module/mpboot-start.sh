#!/bin/sh
# /usr/lib/mpboot/mpboot-start: build the maps and start mpboot's daemon,
# once per boot (the systemd unit and the initqueue hook may both ask).
# The daemon runs as "@mpboot" (argv[0]: the name of a link to mpboot,
# found through PATH, so any sh passes it as typed), which systemd's
# killing sprees at switch_root and at shutdown spare. It lives in the
# root control group, outside every unit, so no initramfs unit takes it
# along when it stops, before switch_root or in the real root after
# systemd deserializes the initramfs' units (systemd issue 37700).

mkdir -p /run/mpboot
# mkdir is atomic: the first caller starts the daemon
mkdir /run/mpboot/started 2> /dev/null || exit 0

if [ -w /sys/fs/cgroup/cgroup.procs ]; then
    echo $$ > /sys/fs/cgroup/cgroup.procs 2> /dev/null ||
        echo "mpboot: cannot leave the unit's control group; the daemon may be stopped with it" > /dev/kmsg
fi
(cd /sys/block 2> /dev/null && echo sd*) > /run/mpboot/disks
# The parent returns once the maps are built and the daemon is ready; a
# daemon that could not start lets the next initqueue pass try again.
PATH=/usr/lib/mpboot:$PATH
@mpboot daemon || { rmdir /run/mpboot/started; exit 1; }
# A disk that was the only path of its LUN when udev saw it was not
# marked as a path (40-mpboot-path.rules); now that the maps hold their
# paths, udev looks again, and drops the links of the paths' partitions.
udevadm trigger --action=change --subsystem-match=block --sysname-match='sd*' 2> /dev/null
