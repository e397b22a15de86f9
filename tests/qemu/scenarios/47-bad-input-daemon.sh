# Bad input while the checker daemon runs (one LUN on two paths,
# directio, polling_interval 2): control clients that send garbage, a NUL,
# an endless line, and eight that fill the pool and never finish their
# request; a uevent flood (add and remove written into the paths' uevent
# files in a loop); a multipath.conf with errors and a bindings file with
# binary data, each read by `mpboot ctl reconfigure`. Each gets a clear message and changes nothing else: the
# map keeps its table and name, the daemon its pid, the bindings file its
# bytes, and the daemon goes on checking: a path taken offline during the
# slow clients and during the flood is failed, and reinstated once back.
SC_DISKS=2
SC_MODS=sg
SC_TIMEOUT=240

sc_setup() {
	disk_new "$1/lun.img" 16 'label: dos
,'
	vm_lun "$1/lun.img" 0x5000c50000004701 2
	kern_install "$ROOTFS" $KERN_MODULES sg || return 1
	mkdir -p "$ROOTFS/etc/multipath"
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	polling_interval 2
	max_polling_interval 4
	path_checker directio
	user_friendly_names yes
}
EOC
	# every line the daemon writes to the kernel's log, none rate-limited
	SC_APPEND="printk.devkmsg=on"
}
