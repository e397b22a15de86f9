#!/bin/bash
# dracut module 90mpboot: multipath maps for the root file system built by
# mpboot (one static binary) instead of multipath-tools, in the systemd
# and the shell flavours of dracut. It replaces dracut's own multipath
# module; asking for both is an error (see README, "dracut").

is_mpath() {
    local _dev=$1
    [[ -e /sys/dev/block/$_dev/dm/uuid ]] || return 1
    [[ $(< "/sys/dev/block/$_dev/dm/uuid") == mpath-* ]]
}

# called by dracut
check() {
    require_binaries mpboot || return 1
    # host-only: only when the root (or another needed mount) is on a map
    if [[ $hostonly ]] || [[ $mount_needs ]]; then
        for_each_host_dev_and_slaves is_mpath || return 255
    fi
    return 0
}

# called by dracut
depends() {
    echo rootfs-block dm
    return 0
}

# called by dracut
cmdline() {
    # The drivers of the paths' hardware handlers, loaded before the
    # disks are probed, as multipath-tools' module asks too.
    local m
    for m in scsi_dh_alua scsi_dh_emc scsi_dh_rdac scsi_dh_hp_sw; do
        grep -q "^$m " /proc/modules 2> /dev/null && printf 'rd.driver.pre=%s ' "$m"
    done
}

# called by dracut
installkernel() {
    # dm-multipath and its path selectors, the SCSI device handlers and sg
    # (the checkers' SCSI commands go through it). The HBA and transport
    # drivers (scsi_add_host users, iscsi_tcp through the iscsi module)
    # are found by dracut's kernel-modules module.
    local _funcs='scsi_register_device_handler|dm_register_path_selector|dm_register_target'

    hostonly='' instmods dm-multipath sg sd_mod
    hostonly='' dracut_instmods -o -s "$_funcs" "=drivers/scsi" "=drivers/md"
}

# called by dracut
install() {
    if dracut_module_included multipath; then
        dfatal "mpboot: dracut's multipath module is included too; they would both build the maps."
        dfatal "mpboot: omit one (omit_dracutmodules+=\" multipath \" in /etc/dracut.conf.d)."
        # dracut ignores what install returns; this is how its own
        # modules abort the initramfs
        exit 1
    fi

    inst_simple "$(command -v mpboot)" /usr/sbin/mpboot
    # the configuration and state files mpboot reads (copied as they are)
    inst_multiple -o /etc/multipath.conf /etc/multipath/bindings /etc/multipath/wwids
    local _f _delim
    for _f in /etc/multipath/conf.d/*.conf; do
        [[ -f $_f ]] && inst_simple "$_f"
    done
    # The partition maps' delimiter, as the real root's udev rules run
    # kpartx: its udev would rename maps named otherwise (mpboot.part_delim=
    # on the kernel command line still wins).
    if _delim=$(mpboot --root "${dracutsysrootdir:-/}" part-delim); then
        mkdir -p "$initdir/etc/mpboot"
        printf '%s\n' "$_delim" > "$initdir/etc/mpboot/part-delim"
    else
        dwarn "mpboot: the root's udev rules could not be read; partition maps get kpartx's default delimiter"
    fi

    inst_simple "$moddir/mpboot-start.sh" /usr/lib/mpboot/mpboot-start
    # started as @mpboot (see mpboot-start.sh)
    ln_r /usr/sbin/mpboot /usr/lib/mpboot/@mpboot
    inst_hook initqueue/settled 50 "$moddir/mpboot-settled.sh"
    inst_hook pre-pivot 50 "$moddir/mpboot-udev-db.sh"
    inst_rules "$moddir/40-mpboot-path.rules" "$moddir/62-mpboot.rules"
    dracut_need_initqueue

    if dracut_module_included systemd; then
        inst_simple "$moddir/mpboot.service" "$systemdsystemunitdir/mpboot.service"
        $SYSTEMCTL -q --root "$initdir" add-wants initrd-root-device.target mpboot.service
    fi

    if [[ $hostonly_cmdline ]]; then
        local _conf
        _conf=$(cmdline)
        [[ $_conf ]] && echo "$_conf" >> "$initdir/etc/cmdline.d/90mpboot.conf"
    fi
}
