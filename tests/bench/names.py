#!/usr/bin/env python3
"""tests/bench/names.py MPBOOT [LUNS [PATHS]]: what user_friendly_names
costs on a first boot (empty bindings file).

Makes a fake sysfs tree of LUNS (default 4000) QEMU-like LUNs with PATHS
(default 2) paths each (two virtio-scsi hosts, an NAA WWID per LUN, as
tests/unit/fixtures/sysfs/hand-make.py lays them out), then times
`mpboot --dry-run` on it with user_friendly_names off and on (best of
BENCH_ROUNDS, default 3) and prints both figures. skip_kpartx keeps the
partition table reads (of devices that do not exist) out of it. Not a
test: nothing is asserted.
"""
import os
import struct
import subprocess
import sys
import tempfile
import time


def write(root, rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def pg83_naa(hexstr):
    desig = bytes([1, 3, 0, len(hexstr) // 2]) + bytes.fromhex(hexstr)
    return bytes([0, 0x83]) + struct.pack(">H", len(desig)) + desig


def sd_name(i):
    """sda, ..., sdz, sdaa, ...: the kernel's names (bijective base 26)."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(ord("a") + r) + s
    return "sd" + s


def make_tree(root, luns, paths):
    sysfs = os.path.join(root, "sys")
    n = 0
    for p in range(paths):
        host = 2 + p
        parent = (f"devices/pci0000:00/0000:00:{3 + p:02x}.0/virtio{p + 1}/"
                  f"host{host}/target{host}:0:0")
        for lun in range(luns):
            hctl = f"{host}:0:0:{lun}"
            scsi = f"{parent}/{hctl}"
            name = sd_name(n)
            blk = f"{scsi}/block/{name}"
            os.makedirs(os.path.join(sysfs, "block"), exist_ok=True)
            os.symlink("../" + blk, os.path.join(sysfs, "block", name))
            write(sysfs, f"{blk}/dev", f"8:{n * 16}\n")
            write(sysfs, f"{blk}/size", "2097152\n")
            write(sysfs, f"{blk}/queue/logical_block_size", "512\n")
            os.symlink("../../../" + hctl,
                       os.path.join(sysfs, blk, "device"))
            write(sysfs, f"{scsi}/vendor", "QEMU    \n")
            write(sysfs, f"{scsi}/model", "QEMU HARDDISK   \n")
            write(sysfs, f"{scsi}/rev", "2.5+\n")
            write(sysfs, f"{scsi}/state", "running\n")
            write(sysfs, f"{scsi}/vpd_pg83", pg83_naa(f"5000c500{lun:08x}"))
            n += 1
    os.makedirs(os.path.join(root, "dev"))
    for ufn in ("no", "yes"):
        write(root, f"root-{ufn}/etc/multipath.conf",
              "defaults {\n\tuser_friendly_names %s\n\tskip_kpartx yes\n}\n"
              % ufn)


def best_time(cmd, rounds):
    best = None
    for _ in range(rounds):
        t0 = time.monotonic()
        r = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
        t = time.monotonic() - t0
        if r.returncode != 0:
            sys.exit(f"{' '.join(cmd)}: exit {r.returncode}")
        maps = sum(1 for l in r.stdout.decode().splitlines()
                   if " multipath " in l)
        best = t if best is None or t < best else best
    return best, maps


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mpboot = os.path.abspath(sys.argv[1])
    luns = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    paths = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    # tens of thousands of small files: tmpfs when there is one
    where = os.environ.get("TMPDIR") or (
        "/dev/shm" if os.path.isdir("/dev/shm") else None)
    with tempfile.TemporaryDirectory(prefix="mpboot-names-",
                                     dir=where) as tmp:
        make_tree(tmp, luns, paths)
        for ufn in ("no", "yes"):
            t, maps = best_time([mpboot, "--dry-run", "-v", "0",
                                 "--sysfs", f"{tmp}/sys", "--dev",
                                 f"{tmp}/dev", "--root", f"{tmp}/root-{ufn}"],
                                rounds)
            print(f"{luns}x{paths} user_friendly_names {ufn:3}: "
                  f"{t:.2f} s (best of {rounds}), {maps} maps")


main()
