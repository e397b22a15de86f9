#!/usr/bin/env python3
"""plan.py SEED GAP OUTDIR LUN...: the fault streams of one torture run.

Each LUN is ID:TYPE:NPATHS:LAYER (TYPE qemu, iscsi or lio; LAYER map,
part or fs). Writes OUTDIR/lun.ID, one fault window per line, and
OUTDIR/global, the daemon's own stream, one event every GAP seconds
(LO-HI, at random). Everything comes from SEED, so a
run is replayed with TORTURE_SEED=SEED; only the guest's timing differs.

A window line is

    W WSEED CLASS EVENT...

with CLASS paths (faults on some paths, at least one path left),
down_short (every path down for less than the queueing time) or
down_long (every path down for longer: errors allowed). An EVENT is
DELAY:+|-:KIND:PATH, DELAY the seconds since the previous event, + to
start the fault, - to end it. KIND is eio, unplug (host: QMP), hang
(host: the stopped TCP relay, iSCSI path 1), offline (guest: the SCSI
device's state), standby, unavailable (guest: the ALUA state of the LIO
target port group of PATH) or swap (guest: the two LIO groups trade
their states; PATH is 0).

A global line is DELAY ACTION [ARG]: kill (SIGKILL the daemon, restart
it after ARG seconds), reconfigure (mpboot ctl reconfigure) or once
(mpboot --once).
"""
import random
import sys

# Seconds; the guest's multipath.conf (tests/torture/host.sh) matches:
# polling_interval 2, no_path_retry 10 queue for 20 s once no path is left.
POLL = 2
NPR = 10
QUEUE = POLL * NPR

# What each LUN type can do to one path: kind -> (shortest, longest).
KINDS = {
    "qemu": {"eio": (2, 8), "offline": (1, 8), "unplug": (3, 8)},
    "iscsi": {"offline": (1, 8)},
    "lio": {"offline": (1, 8), "standby": (2, 8), "unavailable": (2, 8)},
}
# The relayed iSCSI path also hangs; shorter than the SCSI timeout the
# guest sets (120 s) by far, longer than checker_timeout.
HANG = (6, 12)
# All paths down: how each type takes them all down at once.
DOWN = {"qemu": ["offline", "eio"], "iscsi": ["offline"], "lio": ["offline", "unavailable"]}


def tenth(x):
    return "%.1f" % x


def events_of(faults):
    """faults: (start, length, kind, path) -> the ordered relative events."""
    ev = []
    for start, length, kind, path in faults:
        # whole tenths of a second, so the deltas add up exactly
        t0 = int(round(start * 10))
        ev.append((t0, "+", kind, path))
        ev.append((t0 + max(1, int(round(length * 10))), "-", kind, path))
    ev.sort(key=lambda e: (e[0], e[1] == "+"))
    out, t = [], 0
    for when, sign, kind, path in ev:
        out.append("%d.%d:%s:%s:%d" % ((when - t) // 10, (when - t) % 10, sign, kind, path))
        t = when
    return out


def window(rng, typ, npaths, layer):
    r = rng.random()
    # A file system may turn read-only on failed metadata writes: no
    # long outage under it (the map and partition layers take those).
    p_long = 0 if layer == "fs" else 0.05
    if r < p_long + 0.10:
        long_ = r < p_long
        kind = rng.choice(DOWN[typ])
        if long_:
            length = rng.uniform(QUEUE + 3 * POLL, QUEUE + 6 * POLL)
        else:
            length = rng.uniform(1, QUEUE / 4)
        faults = [(0.0, length, kind, p) for p in range(npaths)]
        return ("down_long" if long_ else "down_short"), faults
    if typ == "lio" and rng.random() < 0.25:
        return "paths", [(0.0, rng.uniform(4, 10), "swap", 0)]
    k = rng.randint(1, npaths - 1)
    faults = []
    for p in rng.sample(range(npaths), k):
        kinds = dict(KINDS[typ])
        if typ == "iscsi" and p == 1:
            kinds["hang"] = HANG
        kind = rng.choice(sorted(kinds))
        lo, hi = kinds[kind]
        faults.append((rng.uniform(0, 3), rng.uniform(lo, hi), kind, p))
    return "paths", faults


def main():
    if len(sys.argv) < 5:
        sys.exit("usage: plan.py SEED LO-HI OUTDIR ID:TYPE:NPATHS:LAYER...")
    seed, outdir = int(sys.argv[1]), sys.argv[3]
    gap = [float(x) for x in sys.argv[2].split("-")]
    for spec in sys.argv[4:]:
        lid, typ, npaths, layer = spec.split(":")
        npaths = int(npaths)
        # One generator per LUN: its stream does not depend on the others.
        rng = random.Random("%d/%s" % (seed, lid))
        with open("%s/lun.%s" % (outdir, lid), "w") as f:
            for _ in range(2000):
                cls, faults = window(rng, typ, npaths, layer)
                f.write("W %d %s %s\n" % (rng.getrandbits(48) | 1, cls,
                                          " ".join(events_of(faults))))
    rng = random.Random("%d/global" % seed)
    with open("%s/global" % outdir, "w") as f:
        for _ in range(2000):
            delay = tenth(rng.uniform(*gap))
            action = rng.choices(["kill", "reconfigure", "once"], [4, 3, 3])[0]
            arg = " " + tenth(rng.uniform(0, 3)) if action == "kill" else ""
            f.write("%s %s%s\n" % (delay, action, arg))


if __name__ == "__main__":
    main()
