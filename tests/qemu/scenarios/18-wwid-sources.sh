# WWIDs from what udev's scsi_id uses besides a short page of NAA
# designators, on a real kernel: a LUN whose page 0x83 is longer than 255
# bytes (QEMU puts a 239-byte device_id before the NAA: 259 bytes, the
# most QEMU sends), one with only
# QEMU's vendor-specific designator (serial=, no wwn=), one with an empty
# page 0x83 (device_id= empty: the kernel keeps no vpd_pg83, so mpboot asks
# the device, then takes page 0x80). Each LUN gets its map under udev's
# ID_SERIAL, and the long page asked by SG_IO gives the same WWID as sysfs.
SC_DISKS=6

sc_setup() {
	local work=$1 l
	for l in long vendor noid; do
		disk_new "$work/$l.img" 16 'label: dos
,'
	done
	# vm_lun appends ",serial=ARG": the other properties ride along.
	vm_lun "$work/long.img" 0x5000c5000000cafe 2 \
		"long,device_id=$(printf 'd%.0s' $(seq 239))"
	vm_lun "$work/vendor.img" - 2 'mp boot/07'
	vm_lun "$work/noid.img" - 2 'SN 0042/x,device_id=,vendor=AC/ME,product=RAID 5'
}
