# Differential test: for every case in tests/qemu/diff/ (a multipath.conf,
# optionally with a bindings and a wwids file), Debian's multipath-tools
# (multipath, then kpartx -a on each map) and mpboot --once build maps from
# the same disks and the same configuration in one boot, a full flush after
# each; the maps must be the same as `multipath -ll` reads them (WWID,
# name, size, features, hardware handler, path groups in order with
# selector, priority, paths and their states) and as dmsetup reads them
# (every table, the partition maps' names and tables). One MPT-OK or
# MPT-FAIL per case, with the difference.
#
# Disks (path N is virtio-scsi host N, probed in that order):
#   A 3 paths (hosts 0-2), GPT, 2 partitions; VPD serials DIFF-A1, DIFF-A2,
#     DIFF-A2 (group_by_serial makes groups of 1 and 2 paths)
#   B 2 paths (hosts 3-4), DOS with a logical partition
#   C 4 paths (hosts 5-8), no partition table
#   D 1 path  (host 9), GPT: a single-path disk
#   E 2 paths (hosts 10-11), vendor IET, product VIRTUAL-DISK (tgt's)
#   F 2 paths (hosts 12-13), vendor HITACHI, product OPEN-V
#   (E and F are QEMU disks dressed as arrays that hardware tables know)
#   L 2 paths over iSCSI to the guest's own LIO target (vendor LIO-ORG, one
#     ALUA group active/optimized, one active/non-optimized)
# The multipath-tools side is the benchmark's (tests/bench/lib.sh): Debian's
# packages unpacked into the guest, a udev database entry per disk,
# DM_DISABLE_UDEV=1. Here each entry holds what udev's
# 60-persistent-storage.rules import from the host's scsi_id (ID_SERIAL
# among them), so multipath-tools takes its WWIDs from udev, as on a real
# system, and mpboot's are checked against udev's.
SC_DISKS=14
SC_MODS=libcrc32c,iscsi_tcp,configfs,target_core_mod,iscsi_target_mod
# About 30 s per case on a loaded 2-core host (multipath-tools is slow under
# TCG); the timeout only stops a hung guest.
SC_TIMEOUT=900
. "$TOP/tests/bench/lib.sh"

sc_skip() {
	[ -x /lib/udev/scsi_id ] || {
		echo "/lib/udev/scsi_id is missing (package udev)"
		return 0
	}
	command -v iscsistart >/dev/null || {
		echo "iscsistart is not installed (package open-iscsi)"
		return 0
	}
	(mt_fetch) >/dev/null 2>&1 && return 1
	echo "Debian's multipath-tools packages cannot be fetched (apt-get download)"
}

# diff_path IMG WWN VENDOR PRODUCT: one more path (as vm_lun) to a LUN that
# reports VENDOR and PRODUCT in its INQUIRY data.
diff_path() {
	vm_lun "$1" "$2" 1
	VM_ARGS[${#VM_ARGS[@]} - 1]+=",vendor=$3,product=$4"
}

sc_setup() {
	local work=$1
	mt_fetch
	mt_stage "$ROOTFS"
	rd_iscsi "$ROOTFS"
	rd_add_bin "$ROOTFS" /lib/udev/scsi_id /lib/udev/scsi_id
	cp "$QEMU_DIR/guest/lio.sh" "$ROOTFS/lib/lio.sh"
	mkdir -p "$ROOTFS/diff"
	cp "$QEMU_DIR"/diff/* "$ROOTFS/diff/"
	disk_new "$work/a.img" 16 'label: gpt
,4MiB
,'
	disk_new "$work/b.img" 16 'label: dos
,4MiB,L
,,E
,4MiB,L'
	truncate -s 8M "$work/c.img"
	disk_new "$work/d.img" 8 'label: gpt
,'
	vm_lun "$work/a.img" 0x5000c50000da0a01 1 DIFF-A1
	vm_lun "$work/a.img" 0x5000c50000da0a01 2 DIFF-A2
	vm_lun "$work/b.img" 0x5000c50000db0b02 2
	vm_lun "$work/c.img" 0x5000c50000dc0c03 4
	vm_lun "$work/d.img" 0x5000c50000dd0d04 1
	truncate -s 8M "$work/e.img" "$work/f.img"
	diff_path "$work/e.img" 0x5000c50000de0e05 IET VIRTUAL-DISK
	diff_path "$work/e.img" 0x5000c50000de0e05 IET VIRTUAL-DISK
	diff_path "$work/f.img" 0x5000c50000df0f06 HITACHI OPEN-V
	diff_path "$work/f.img" 0x5000c50000df0f06 HITACHI OPEN-V
}
