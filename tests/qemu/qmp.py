#!/usr/bin/env python3
"""qmp.py SOCKET JSON...: send QMP commands to a running QEMU in order and
print each reply on one line. Exits 1 if any command returns an error."""
import json
import socket
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: qmp.py SOCKET JSON...")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(sys.argv[1])
    stream = sock.makefile("rw")

    def reply():
        # Skip asynchronous events; return the next command reply.
        while True:
            line = stream.readline()
            if not line:
                sys.exit("qmp: connection closed")
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    json.loads(stream.readline())  # greeting
    failed = False
    for cmd in [{"execute": "qmp_capabilities"}] + [json.loads(a) for a in sys.argv[2:]]:
        stream.write(json.dumps(cmd) + "\n")
        stream.flush()
        msg = reply()
        if cmd["execute"] != "qmp_capabilities":
            print(json.dumps(msg))
        failed |= "error" in msg
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
