#!/bin/sh
# pre-pivot hook (both flavours): udev database entries for the maps,
# partition maps and paths that udev in the initramfs did not write itself
# (`mpboot udev-db` keeps udev's own), so the real root's udev makes every
# link and systemd finds its devices.

type getarg > /dev/null 2>&1 || . /lib/dracut-lib.sh

if [ -d /run/mpboot/started ]; then
    /usr/sbin/mpboot udev-db > /dev/kmsg 2>&1 ||
        warn "mpboot: some udev database entries could not be written"
fi
