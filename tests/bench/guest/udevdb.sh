# A udev database entry for every sd disk, as udev would leave after
# processing its "add" event: /run/udev/data/b<maj>:<min>. Builtins only,
# no fork per disk.
for d in /sys/block/sd*; do
	read -r devno <"$d/dev"
	: >"/run/udev/data/b$devno"
done
