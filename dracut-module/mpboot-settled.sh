#!/bin/sh
# initqueue/settled hook (both flavours; sourced at each pass of dracut's
# loop, so it never exits): start mpboot's daemon, which builds the maps,
# at the first pass; at later passes, while dracut still waits for the
# root, have the daemon rescan when the set of SCSI disks changed (paths
# probed late, an iSCSI login). Off with rd.multipath=0, mpboot=off,
# multipath=off or nompath.

type getarg > /dev/null 2>&1 || . /lib/dracut-lib.sh

if getargbool 1 rd.multipath && [ "$(getarg mpboot=)" != off ] &&
    ! getarg nompath > /dev/null && [ "$(getarg multipath=)" != off ]; then
    if [ ! -d /run/mpboot/started ]; then
        /usr/lib/mpboot/mpboot-start
    else
        _mpb_disks=$(cd /sys/block 2> /dev/null && echo sd*)
        if [ "$_mpb_disks" != "$(cat /run/mpboot/disks 2> /dev/null)" ]; then
            echo "$_mpb_disks" > /run/mpboot/disks
            # SIGHUP: the daemon rescans and builds what is new
            for _mpb_p in /proc/[0-9]*; do
                [ "$(cat "$_mpb_p/comm" 2> /dev/null)" = @mpboot ] &&
                    kill -HUP "${_mpb_p#/proc/}"
            done
        fi
        unset _mpb_disks _mpb_p
    fi
fi
