# kpartx -a on every multipath map, as udev's 60-kpartx.rules would run it
# once per map; partition names <map>-part<N> like mpboot --part-delim -part.
# Maps are found in sysfs with builtins only, so the loop adds no forks of
# its own beyond kpartx.
rc=0
for d in /sys/block/dm-*; do
	read -r uuid <"$d/dm/uuid"
	case $uuid in mpath-*) ;; *) continue ;; esac
	read -r name <"$d/dm/name"
	kpartx -a -p -part "/dev/mapper/$name" || rc=1
done
exit $rc
