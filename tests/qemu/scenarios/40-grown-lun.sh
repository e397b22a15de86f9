# A LUN grows under the daemon: two paths, one partition (1-16 MiB) of a
# 32 MiB LUN, a writer on the partition's map. The guest adds partition 2
# (16-64 MiB) to the table through the map, past the LUN's end for now;
# the host grows the image to 64 MiB (QMP block_resize) on one path's node,
# then on the other's, and the guest rescans each path (device/rescan: a
# change uevent with RESIZE=1; virtio-scsi also rescans on QEMU's
# capacity-changed event, on a SAN the administrator's rescan does it).
# While only one path shows the new size the map keeps its size and both
# paths; then the daemon reloads it at 64 MiB with both paths and makes
# partition 2's map, as udev's kpartx would after `multipathd resize map`;
# partition 1's map and the writer go on untouched.
SC_DISKS=2
SC_MODS=sg,virtio_blk
SC_TIMEOUT=240

sc_setup() {
	disk_new "$1/lun.img" 32 'label: dos
start=2048, size=30720, type=83'
	vm_lun "$1/lun.img" 0x5000c50000004001 2
	vm_mailbox "$1"
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 2
	max_polling_interval 4
}
EOC
}

# resize MB N...: the image grows, seen by paths N... at once (one QMP
# connection: the file grows with the first node, each node learns it).
sc40_do() {
	local work=$1 mb=$3 n cmds=()
	[ "$2" = resize ] || { vm_do "$@"; return; }
	shift 3
	for n; do
		cmds+=('{"execute":"block_resize","arguments":{"node-name":"d'"$n"'","size":'$((mb << 20))'}}')
	done
	vm_qmp "$work" "${cmds[@]}"
}
sc_during() { vm_serve "$1" sc40_do >"$1/during.log" 2>&1; }
sc_check() { cat "$1/during.log"; }
