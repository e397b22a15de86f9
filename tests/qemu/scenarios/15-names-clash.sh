# Names that clash with names in use, on a real kernel. Two LUNs with
# partitions, user_friendly_names, a multipaths alias for a LUN that is not
# there (mpathb) and a device-mapper device that is not a multipath map
# holding mpatha: the first --once must name the LUNs mpathc and mpathd
# and bind only those. Then the bindings file is swapped under the running
# maps and the partition maps are gone: each map keeps its name, and each
# partition map is made on its own LUN, named after the map it sits on;
# the LVM filter and devices file name what the kernel runs.
SC_DISKS=4
SC_TIMEOUT=300	# two --once runs and their checks; slow on a loaded host

sc_setup() {
	local work=$1
	disk_new "$work/a.img" 16 'label: gpt
,4MiB
,'
	disk_new "$work/b.img" 24 'label: gpt
,'
	cat >"$ROOTFS/etc/multipath.conf" <<'EOC'
defaults {
	user_friendly_names yes
}
multipaths {
	multipath {
		wwid 35000c5000000ffff
		alias mpathb
	}
}
EOC
	vm_lun "$work/a.img" 0x5000c5000000fa01 2
	vm_lun "$work/b.img" 0x5000c5000000fb02 2
}
