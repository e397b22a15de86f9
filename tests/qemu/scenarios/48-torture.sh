# The torture campaign (issue 15): a writer on every LUN of several,
# 2 to 4 paths each, under independent random fault streams (EIO,
# offline, hot-unplug, a hung iSCSI link, ALUA changes, all paths down
# inside and beyond no_path_retry) with the daemon SIGKILLed, reconfigured
# and raced by --once; every window ends with the LUN whole again and
# every block read back. Quick by default (make check, make
# torture-quick); TORTURE=full is make torture. tests/torture/host.sh.
. "$TOP/tests/torture/host.sh"
