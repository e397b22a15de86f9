# Several LUNs with 2, 3 and 4 paths (GPT, and DOS with logical partitions)
# and one single-path disk that the default find_multipaths leaves alone.
# user_friendly_names with a bindings file that already names one LUN: the
# names must come out the same on a second boot that attaches the disks in
# the opposite order. /etc/multipath survives between boots on a small
# virtio disk (a tar archive), as it would on a real root.
SC_DISKS=10
SC_BOOTS=2
SC_MODS=virtio_blk

sc_setup() {
	local work=$1
	disk_new "$work/a.img" 32 'label: gpt
,8MiB
,8MiB
,'
	disk_new "$work/b.img" 32 'label: dos
,4MiB,L
,,E
,4MiB,L
,,L'
	disk_new "$work/c.img" 16 'label: gpt
,'
	disk_new "$work/d.img" 16 'label: dos
,'
	truncate -s 1M "$work/state.img"
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	user_friendly_names yes
}
EOC
	cat >"$ROOTFS/etc/multipath/bindings" <<'EOC'
# Multipath bindings, Version : 1.0
# NOTE: this file is automatically maintained by the multipath program.
# You should not need to edit this file in normal circumstances.
#
# Format:
# alias wwid
#
mpathq 35000c50000000b02
EOC
}

sc_before_boot() {
	local work=$1 n=$2 l
	VM_ARGS=() VM_NPATH=0
	if [ "$n" = 1 ]; then order="a b c d"; else order="d c b a"; fi
	for l in $order; do
		case $l in
		a) vm_lun "$work/a.img" 0x5000c50000000a01 2 ;;
		b) vm_lun "$work/b.img" 0x5000c50000000b02 3 ;;
		c) vm_lun "$work/c.img" 0x5000c50000000c03 4 ;;
		d) vm_lun "$work/d.img" 0x5000c50000000d04 1 ;;
		esac
	done
	vm_raw "$work/state.img"
}

sc_check() {
	local names
	names=$(tar -xOf "$1/state.img" ./names.boot1 2>/dev/null | wc -l)
	[ "$names" = 3 ] || echo "MPT-FAIL state: boot 1 saved $names names, expected 3"
}
