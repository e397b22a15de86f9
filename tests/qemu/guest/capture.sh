# Guest side of capture-fixtures.sh: bring up the paths for $CAPTURE (from
# /etc/mpt-env), copy exactly the sysfs files the scanner reads into
# /out/sys (symlinks kept as the relative links sysfs has), write
# /out/expected-wwids with udev's ID_SERIAL from Debian's scsi_id (run as
# 60-persistent-storage.rules runs it; its whole output in
# /out/scsi_id-export), and tar /out to /dev/vda.
. /lib/mpt.sh
. /etc/mpt-env

case $CAPTURE in
virtio-*) ;;
iscsi-tgt)
	mpt_net
	mpt_iscsi_login $TGT_IQN 1 10.0.2.2 $TGT_P1
	mpt_iscsi_login $TGT_IQN 1 10.0.2.2 $TGT_P2
	mpt_wait_disks 2 ;;
lio-alua)
	. /lib/lio.sh
	ip link set lo up
	lio_alua_target iqn.2026-01.test.mpboot:lio-alua || mpt_fail lio "configfs setup failed"
	mpt_iscsi_login iqn.2026-01.test.mpboot:lio-alua 1 127.0.0.1 3260
	mpt_iscsi_login iqn.2026-01.test.mpboot:lio-alua 2 127.0.0.1 3261
	mpt_wait_disks 2 ;;
esac

for b in /sys/block/sd*; do
	sd=$(basename $b)
	mpt_sysfs_copy /out/sys $sd
	exported=$(/lib/udev/scsi_id --export --whitelisted -d /dev/$sd)
	printf '== %s\n%s\n' $sd "$exported" >>/out/scsi_id-export
	id=$(printf '%s\n' "$exported" | sed -n 's/^ID_SERIAL=//p')
	echo "$sd ${id:--}" >>/out/expected-wwids
done
sort -o /out/expected-wwids /out/expected-wwids
sed 's/^/  wwid: /' /out/expected-wwids
# What mpboot says on the live devices (SG_IO included), for the log only.
mpboot paths -v 3 2>&1 | sed 's/^/  mpboot: /'
tar -c -f - -C /out . | dd of=/dev/vda conv=fsync 2>/dev/null
mpt_done
