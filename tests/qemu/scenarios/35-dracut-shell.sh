# Scenario 34 with dracut's shell flavour: dracut's own init (no systemd
# in the initramfs; the systemd modules omitted), mpboot started from the
# initqueue/settled hook. The same checks in the real root (34's guest):
# multi-user.target, no failed unit, the links, / on the map, and the
# daemon still failing and reinstating paths after boot.
DR_FLAVOUR=shell
RR_WWN=0x5000c50000003501
. "$QEMU_DIR/scenarios/34-dracut-systemd.sh"
