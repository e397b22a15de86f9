# A LUN with one of its two paths already offline when mpboot runs still
# gets its map: the usable path carries I/O, and the map is built; the LVM
# filter still rejects the offline path.
SC_DISKS=2

sc_setup() {
	local work=$1
	disk_new "$work/lun.img" 16 'label: dos
,'
	vm_lun "$work/lun.img" 0x5000c50000009a01 2
}
