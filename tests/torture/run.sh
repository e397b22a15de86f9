#!/bin/sh
# tests/torture/run.sh BUILD_DIR [full|quick]: the fault campaign, QEMU
# scenario 48 (tests/torture/host.sh) run on its own, then its figures
# (the guest's TT-FIG lines) and "torture: N passed, N failed", one test
# per fault window. The seed is printed first; TORTURE_SEED=N replays it.
build=${1:-build}
export TORTURE=${2:-full}
export TORTURE_SEED=${TORTURE_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
top=$(cd "$(dirname "$0")/../.." && pwd)
log=${QEMU_CACHE:-$top/build/qemu}/work/48-torture/console-boot1.log
echo "torture: $TORTURE run, seed $TORTURE_SEED, started $(date -u '+%Y-%m-%d %H:%M UTC')"
nice -n 19 "$top/tests/qemu/run.sh" "$build" 48-torture
rc=$?
[ -f "$log" ] || { echo "torture: no console log"; echo "torture: 0 passed, 1 failed"; exit 1; }
grep -a '^TT-FIG ' "$log" | sed 's/^TT-FIG /torture: /'
sum=$(grep -a '^TT-SUMMARY ' "$log" | sed 's/^TT-SUMMARY //')
[ -n "$sum" ] || sum="0 passed, 1 failed"
echo "torture: $sum"
exit $rc
