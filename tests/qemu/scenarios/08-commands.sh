# The commands around --once against a real kernel: --dry-run before and
# after (the same multipath table the kernel then runs), list by map name,
# by path device and as JSON, lvm-filter and --lvm-conf, and a second
# --once that reports every map unchanged.
SC_DISKS=2

sc_setup() {
	local work=$1
	disk_new "$work/lun.img" 16 'label: gpt
,4MiB
,'
	mkdir -p "$ROOTFS/etc/lvm"
	cat >"$ROOTFS/etc/lvm/lvm.conf" <<'EOC'
# kept as it is
global {
	umask = 077
}
devices {
	dir = "/dev"
}
EOC
	vm_lun "$work/lun.img" 0x5000c50000008a01 2
}
