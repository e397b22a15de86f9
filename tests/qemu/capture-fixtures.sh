#!/bin/bash
# tests/qemu/capture-fixtures.sh BUILD_DIR [NAME...]: boot one guest per
# fixture (virtio-naa5, iscsi-tgt, lio-alua, virtio-serial, virtio-noid),
# copy the sysfs files the scanner reads into
# tests/unit/fixtures/sysfs/qemu-NAME/sys/, with expected-wwids (udev's
# ID_SERIAL from Debian's scsi_id in the same guest) and a README.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [NAME...]" >&2; exit 2; }
BUILD_DIR=$1; shift
. "$(dirname "$0")/lib.sh"
MPBOOT=$(cd "$(dirname "$BUILD_DIR/mpboot")" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$BUILD_DIR/mpboot not built"
FIXTURES=$TOP/tests/unit/fixtures/sysfs
QEMU_VERSION=$(qemu-system-x86_64 --version | head -n 1)

# setup_NAME WORK: attach the paths; print the README's "how" paragraph.
setup_virtio_naa5() {
	disk_new "$1/lun.img" 16 'label: dos
,'
	vm_lun "$1/lun.img" 0x5000c50015ea71ac 2
	cat <<EOT
Two QEMU scsi-hd devices on two virtio-scsi-pci controllers sharing one raw
image, both with wwn=0x5000c50015ea71ac (share-rw=on, file.locking=off):
	-device virtio-scsi-pci,id=scsiN
	-blockdev driver=file,filename=lun.img,node-name=fN,locking=off
	-blockdev driver=raw,file=fN,node-name=dN
	-device scsi-hd,bus=scsiN.0,drive=dN,share-rw=on,wwn=0x5000c50015ea71ac
EOT
}

# No wwn=: QEMU's only designator is the vendor-specific device_id, by
# default the serial; scsi_id prefixes vendor and model.
setup_virtio_serial() {
	disk_new "$1/lun.img" 16 'label: dos
,'
	vm_lun "$1/lun.img" - 2 'mp boot/07'
	cat <<EOT
Two QEMU scsi-hd devices on two virtio-scsi-pci controllers sharing one raw
image, no wwn=, serial "mp boot/07" (device_id defaults to the serial, so
page 0x83 holds one vendor-specific ASCII designator):
	-device scsi-hd,bus=scsiN.0,drive=dN,share-rw=on,serial=mp boot/07
EOT
}

# device_id= empty: page 0x83 has no designator, scsi_id takes page 0x80.
# vm_lun appends ",serial=ARG", so the other properties ride along.
setup_virtio_noid() {
	disk_new "$1/lun.img" 16 'label: dos
,'
	vm_lun "$1/lun.img" - 2 'SN 0042/x,device_id=,vendor=AC/ME,product=RAID 5'
	cat <<EOT
Two QEMU scsi-hd devices on two virtio-scsi-pci controllers sharing one raw
image, no wwn=, an empty device_id (page 0x83 without designators), serial
"SN 0042/x" in page 0x80, INQUIRY vendor "AC/ME" and product "RAID 5":
	-device scsi-hd,bus=scsiN.0,drive=dN,share-rw=on,serial=SN 0042/x,device_id=,vendor=AC/ME,product=RAID 5
The kernel keeps no vpd_pg83 for a page 0x83 of length 0, so on the live
system mpboot asks the device for it by SG_IO, then takes vpd_pg80.
EOT
}

setup_iscsi_tgt() {
	local p1 p2
	disk_new "$1/lun.img" 16 'label: dos
,'
	tgt_start "$1" "$1/lun.img" >&2
	read -r p1 p2 <<<"$TGT_PORTS"
	printf 'TGT_IQN=%s\nTGT_P1=%s\nTGT_P2=%s\n' "$TGT_IQN" "$p1" "$p2" >>"$ROOTFS/etc/mpt-env"
	rd_iscsi "$ROOTFS"
	vm_net
	cat <<EOT
Debian's tgt on the host ($(tgtd -V 2>/dev/null | head -n 1)), one target
$TGT_IQN with LUN 1 backed by a 16 MiB file, two portals 127.0.0.1:$p1 and
127.0.0.1:$p2 (both TPG 1):
	tgtd -f -C CTL --iscsi portal=127.0.0.1:$p1
	tgtadm -C CTL --lld iscsi --op new --mode portal --param portal=127.0.0.1:$p2
	tgtadm -C CTL --lld iscsi --op new --mode target --tid 1 -T $TGT_IQN
	tgtadm -C CTL --lld iscsi --op new --mode logicalunit --tid 1 --lun 1 -b lun.img
	tgtadm -C CTL --lld iscsi --op bind --mode target --tid 1 -I ALL
The guest (QEMU user networking, host loopback = 10.0.2.2) logs in twice
with Debian's iscsistart:
	iscsistart -i iqn.2026-01.test.mpboot:guest -t $TGT_IQN -g 1 -a 10.0.2.2 -p $p1
	iscsistart -i iqn.2026-01.test.mpboot:guest -t $TGT_IQN -g 1 -a 10.0.2.2 -p $p2
EOT
}

setup_lio_alua() {
	rd_iscsi "$ROOTFS"
	cp "$QEMU_DIR/guest/lio.sh" "$ROOTFS/lib/lio.sh"
	cat <<EOT
The guest's own kernel target (LIO) configured through configfs, see
tests/qemu/guest/lio.sh: a 32 MiB rd_mcp ramdisk LUN exported by
iqn.2026-01.test.mpboot:lio-alua through TPG 1 (portal 127.0.0.1:3260,
ALUA group default_tg_pt_gp, active/optimized, implicit ALUA) and TPG 2
(127.0.0.1:3261, ALUA group "nonopt" id 2, active/non-optimized);
generate_node_acls=1, no authentication. The guest logs in to both with
Debian's iscsistart over 127.0.0.1 (-g 1 -p 3260 and -g 2 -p 3261).
scsi_dh_alua is loaded before login, so dh_state reads "alua".
EOT
}

capture() {
	local name=$1 work=$QEMU_CACHE/work/capture-$1 dest=$FIXTURES/qemu-$1 mods=
	rm -rf "$work"; mkdir -p "$work"
	ROOTFS=$work/rootfs
	VM_ARGS=() VM_NPATH=0
	rd_stage "$ROOTFS" "$MPBOOT" "$QEMU_DIR/guest/capture.sh" >"$work/stage.log" 2>&1 ||
		die "staging failed ($work/stage.log)"
	rd_add_bin "$ROOTFS" /lib/udev/scsi_id /lib/udev/scsi_id
	echo "CAPTURE=$name" >"$ROOTFS/etc/mpt-env"
	# Not in $(...): the setup adds to VM_ARGS and starts tgtd here.
	"setup_${name//-/_}" "$work" >"$work/how" || { tgt_stop; die "setup of $name failed"; }
	case $name in
	iscsi-tgt) mods=virtio_net,libcrc32c,iscsi_tcp ;;
	lio-alua) mods=libcrc32c,iscsi_tcp,configfs,target_core_mod,iscsi_target_mod ;;
	esac
	truncate -s 8M "$work/out.img"
	vm_raw "$work/out.img"
	rd_pack "$ROOTFS" "$work/initrd.gz"
	vm_run "$work" "$work/initrd.gz" 180 "mpt.disks=$(case $name in virtio-*) echo 2 ;; *) echo 0 ;; esac) mpt.mods=virtio_blk${mods:+,$mods}"
	tgt_stop
	if ! grep -aq '^MPT-DONE 0' "$work/console.log"; then
		echo "capture $name failed, console log: $work/console.log"
		return 1
	fi
	rm -rf "$dest"; mkdir -p "$dest"
	tar -x -f "$work/out.img" -C "$dest" || return 1
	cat >"$dest/README" <<EOT
Captured by tests/qemu/capture-fixtures.sh on $(date -u +%Y-%m-%d) from a
Debian kernel $KVER guest under $QEMU_VERSION
(-accel tcg -m 384). Only the files the scanner reads are kept (see
tests/qemu/guest/capture.sh), symlinks as relative links like sysfs has them.
expected-wwids: ID_SERIAL from \`/lib/udev/scsi_id --export --whitelisted
-d /dev/sdX\` (Debian's udev package, as 60-persistent-storage.rules runs
it) in the same guest, "-" when it printed none; scsi_id-export holds its
whole output.

$(cat "$work/how")
EOT
	echo "captured $name into ${dest#$TOP/}: $(find "$dest/sys" | wc -l) entries"
	sed 's/^/  /' "$dest/expected-wwids"
}

kern_fetch
rc=0
for name in ${@:-virtio-naa5 iscsi-tgt lio-alua virtio-serial virtio-noid}; do
	capture "$name" || rc=1
done
exit $rc
