# mpboot as /init when root= never appears: after mpboot.timeout the
# console says what root= asked for, which WWIDs came with how many paths
# and which modules failed (one named on the command line does not
# exist), then the initramfs' /bin/sh runs: here the .guest file, which
# checks the kernel's log and powers off.
SC_DISKS=2
SC_TIMEOUT=150
MISSING_UUID=0badc0de-0000-4000-8000-000000000028

sc_setup() {
	local work=$1
	disk_new "$work/lun.img" 16 'label: gpt
,,L'
	rd_mpboot_init "$ROOTFS"
	rm -f "$ROOTFS/bin/sh"
	cp "$QEMU_DIR/scenarios/28-init-noroot.guest" "$ROOTFS/bin/sh"
	chmod +x "$ROOTFS/bin/sh"
	vm_lun "$work/lun.img" 0x5000c50015ea7128 2
	SC_APPEND="root=UUID=$MISSING_UUID mpboot.timeout=5 mpboot.modules=mpt_no_such_module printk.devkmsg=on"
}

# The message went to the console too, not only to the kernel's log.
sc_check() {
	local log=$1/console-boot1.log
	grep -aq "^mpboot: root=UUID=$MISSING_UUID not found after 5 s" "$log" ||
		echo "MPT-FAIL noroot-console: no 'root= not found' line on the console"
	grep -aq '^mpboot: starting /bin/sh' "$log" ||
		echo "MPT-FAIL noroot-console-shell: the console does not say a shell starts"
}
