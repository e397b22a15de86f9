#!/bin/bash
# tests/qemu/run.sh BUILD_DIR [SCENARIO...]: boot a real Debian kernel under
# QEMU (TCG) for each scenario in tests/qemu/scenarios/ (or the named ones,
# by number or name: "1", "01", "one-lun" or "01-one-lun") and check what
# mpboot did. Ends with "qemu: N passed, N failed, N skipped"; exits 1 if
# any scenario failed.
#
# A scenario is scenarios/NN-name.sh (host side, sourced) and
# scenarios/NN-name.guest (the guest's /test.sh). The .sh file defines:
#   sc_setup WORK     make disks, add VM_ARGS (vm_lun ...), files to $ROOTFS
#   SC_DISKS          how many sd disks the guest waits for before the test
#   SC_MODS           extra modules to load (comma separated)
#   SC_TIMEOUT        seconds per boot (default 120)
#   SC_MEM            guest memory in MB (default 384; a systemd initrd
#                     with udev needs more)
#   SC_BOOTS          boots (default 1); the guest sees mpt.boot=N
#   SC_APPEND         more kernel parameters (may be set by sc_setup)
#   sc_during WORK    optional, runs on the host while the guest runs
#   sc_check WORK     optional host-side checks after the boots; prints
#                     MPT-FAIL lines like the guest does
#   sc_cleanup        optional
#   sc_skip           optional, prints a reason and returns 0 to skip
#   SC_INITRD         optional, set by sc_setup: boot this initramfs instead
#                     of the staged test tree (e.g. mkinitramfs's)
#   SC_PENDING        optional: why the scenario cannot pass yet (e.g. the
#                     code it tests is not on main); it is skipped with
#                     that reason unless named on the command line
#   SC_SLOW           optional: why the scenario is left out of a full run
#                     (minutes under TCG; a make target of its own runs
#                     it); skipped with that reason unless named
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [SCENARIO...]" >&2; exit 2; }
BUILD_DIR=$1; shift
. "$(dirname "$0")/lib.sh"
MPBOOT=$(cd "$(dirname "$BUILD_DIR/mpboot")" && pwd)/mpboot
[ -x "$MPBOOT" ] || die "$BUILD_DIR/mpboot not built"
file "$MPBOOT" | grep -q 'statically linked' || die "$MPBOOT is not static"
# The guest tools (tests/tools/*.c: mpt-writer) go into every initramfs.
make -C "$TOP" --no-print-directory BUILD="$(dirname "$MPBOOT")" tools >/dev/null ||
	die "building the guest tools (make tools) failed"

pick() {
	local s want num
	for s in "$QEMU_DIR"/scenarios/[0-9]*.sh; do
		s=$(basename "$s" .sh)
		[ $# = 0 ] && { echo "$s"; continue; }
		for want; do
			case $want in
			'' | *[!0-9]*) num= ;;
			*) num=$(printf %02d "$((10#$want))") ;;
			esac
			if [ "$want" = "$s" ] || [ "$want" = "${s#*-}" ] ||
				[ "$num" = "${s%%-*}" ]; then
				echo "$s"
			fi
		done
	done
}

# run_boot NAME WORK N: one boot; prints the failures; returns 0 if clean.
run_boot() {
	local name=$1 work=$2 n=$3 rc log
	log=$work/console.log
	VM_DURING=
	declare -F sc_during >/dev/null && VM_DURING=sc_during
	VM_MEM=${SC_MEM:-384} vm_run "$work" "${SC_INITRD:-$work/initrd.gz}" "${SC_TIMEOUT:-120}" \
		"mpt.boot=$n mpt.disks=${SC_DISKS:-0} mpt.mods=${SC_MODS:-} ${SC_APPEND:-}"
	rc=$?
	cp "$log" "$work/console-boot$n.log"
	# Failures, and known differences waiting for a fix (scenario 10).
	# Markers are found anywhere on a line: on a console a getty prompt or
	# a kernel message can land in front of one.
	grep -ao 'MPT-FAIL.*\|MPT-PENDING.*' "$log" | sed "s/^/  [$name boot $n] /"
	[ $rc = 124 ] && echo "  [$name boot $n] timed out after ${SC_TIMEOUT:-120}s"
	grep -aqE 'MPT-DONE 0([^0-9]|$)' "$log" || {
		grep -aq 'MPT-DONE' "$log" || echo "  [$name boot $n] guest did not finish (no MPT-DONE)"
		return 1
	}
	! grep -aq 'MPT-FAIL' "$log"
}

run_scenario() (
	local name=$1 work=$QEMU_CACHE/work/$1 n ok=1 t0=$SECONDS
	. "$QEMU_DIR/scenarios/$name.sh"
	if [ -n "${SC_PENDING:-}" ] && [ -z "$named" ]; then
		echo "SKIP $name: $SC_PENDING (pending: name it to run it)"
		exit 3
	fi
	if [ -n "${SC_SLOW:-}" ] && [ -z "$named" ]; then
		echo "SKIP $name: $SC_SLOW (slow: name it to run it)"
		exit 3
	fi
	if declare -F sc_skip >/dev/null && reason=$(sc_skip); then
		echo "SKIP $name: $reason"
		exit 3
	fi
	rm -rf "$work"
	mkdir -p "$work"
	ROOTFS=$work/rootfs
	rd_stage "$ROOTFS" "$MPBOOT" "$QEMU_DIR/scenarios/$name.guest" >"$work/stage.log" 2>&1 ||
		{ echo "FAIL $name: staging the initramfs failed ($work/stage.log)"; exit 1; }
	sc_setup "$work" >"$work/setup.log" 2>&1 ||
		{ echo "FAIL $name: setup failed ($work/setup.log)"; cat "$work/setup.log"; declare -F sc_cleanup >/dev/null && sc_cleanup; exit 1; }
	[ -n "${SC_INITRD:-}" ] || rd_pack "$ROOTFS" "$work/initrd.gz"
	for ((n = 1; n <= ${SC_BOOTS:-1}; n++)); do
		declare -F sc_before_boot >/dev/null && sc_before_boot "$work" "$n"
		run_boot "$name" "$work" "$n" || ok=0
	done
	if declare -F sc_check >/dev/null; then
		sc_check "$work" >"$work/check.log" 2>&1
		grep '^MPT-FAIL' "$work/check.log" | sed "s/^/  [$name host] /"
		grep -q '^MPT-FAIL' "$work/check.log" && ok=0
	fi
	declare -F sc_cleanup >/dev/null && sc_cleanup
	if [ $ok = 1 ]; then
		echo "PASS $name ($((SECONDS - t0))s)"
		exit 0
	fi
	echo "FAIL $name ($((SECONDS - t0))s): console logs kept in $work/console-boot*.log"
	exit 1
)

passed=0 failed=0 skipped=0
scenarios=$(pick "$@")
named=$*
[ -n "$scenarios" ] || die "no scenario matches: $*"
no_vm=
command -v qemu-system-x86_64 >/dev/null || no_vm="qemu-system-x86_64 is not installed"
[ -z "$no_vm" ] && ! (kern_fetch) && no_vm="no Debian kernel (apt-get download failed)"
[ -z "$no_vm" ] && kern_fetch

# Scenarios run QEMU_JOBS at a time (default 1). Each has its own work
# folder, QMP socket, tgtd ports and user network, so they do not meet; a
# scenario's lines are printed together when it ends.
jobs=${QEMU_JOBS:-1}
outs=$QEMU_CACHE/out
mkdir -p "$outs"
declare -A job_of=()

# reap: wait for one running scenario, print its lines, count its result.
reap() {
	local pid rc
	wait -n -p pid "${!job_of[@]}"
	rc=$?
	cat "$outs/${job_of[$pid]}"
	case $rc in
	0) passed=$((passed + 1)) ;;
	3) skipped=$((skipped + 1)) ;;
	*) failed=$((failed + 1)) ;;
	esac
	unset "job_of[$pid]"
}

for s in $scenarios; do
	if [ -n "$no_vm" ]; then
		echo "SKIP $s: $no_vm"
		skipped=$((skipped + 1))
		continue
	fi
	while [ ${#job_of[@]} -ge "$jobs" ]; do reap; done
	run_scenario "$s" >"$outs/$s" 2>&1 &
	job_of[$!]=$s
done
while [ ${#job_of[@]} -gt 0 ]; do reap; done
echo "qemu: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
