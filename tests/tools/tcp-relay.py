#!/usr/bin/env python3
"""tcp-relay.py LISTEN_PORT TARGET_PORT [PORT_FILE]: forward every TCP
connection to 127.0.0.1:LISTEN_PORT on to 127.0.0.1:TARGET_PORT, both ways,
in one process and one thread.

The QEMU tests put it in front of one portal of the host's iSCSI target, so
that one path's iSCSI session runs through it: `kill -STOP` on the relay
hangs that path's commands (TEST UNIT READY included) and its session as a
dead SAN link would, `kill -CONT` lets them go on. LISTEN_PORT 0 takes any
free port; the port is written to PORT_FILE (atomically) once listening.
Each direction buffers at most 1 MiB and stops reading while full, so a
stopped peer stalls its sender instead of growing the relay."""
import os
import selectors
import socket
import sys

CHUNK = 65536
LIMIT = 1 << 20


class Pipe:
    """One direction of a relayed connection: bytes read from src wait in
    buf until dst takes them."""

    def __init__(self, src, dst):
        self.src, self.dst, self.buf, self.eof = src, dst, bytearray(), False


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: tcp-relay.py LISTEN_PORT TARGET_PORT [PORT_FILE]")
    target = ("127.0.0.1", int(sys.argv[2]))
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", int(sys.argv[1])))
    lsock.listen(16)
    lsock.setblocking(False)
    if len(sys.argv) == 4:
        tmp = sys.argv[3] + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % lsock.getsockname()[1])
        os.rename(tmp, sys.argv[3])
    sel = selectors.DefaultSelector()
    sel.register(lsock, selectors.EVENT_READ)
    # socket -> the two pipes it belongs to: (reading from it, writing to it)
    pipes = {}

    def close_pair(sock):
        if sock not in pipes:
            return
        inp, out = pipes[sock]
        for s in (inp.src, inp.dst):
            pipes.pop(s, None)
            try:
                sel.unregister(s)
            except (KeyError, ValueError):
                pass
            s.close()

    def update(sock):
        """Ask for read while its input pipe has room and no EOF, for write
        while its output pipe holds bytes."""
        if sock not in pipes:
            return
        inp, out = pipes[sock]
        ev = 0
        if not inp.eof and len(inp.buf) < LIMIT:
            ev |= selectors.EVENT_READ
        if out.buf:
            ev |= selectors.EVENT_WRITE
        key = sel.get_map().get(sock)
        if ev and key:
            sel.modify(sock, ev)
        elif ev:
            sel.register(sock, ev)
        elif key:
            sel.unregister(sock)

    while True:
        for key, ev in sel.select():
            sock = key.fileobj
            if sock is lsock:
                try:
                    client, _ = lsock.accept()
                except BlockingIOError:
                    continue
                try:
                    server = socket.create_connection(target, timeout=5)
                except OSError as e:
                    print("relay: %s:%d: %s" % (target + (e,)), file=sys.stderr)
                    client.close()
                    continue
                for s in (client, server):
                    s.setblocking(False)
                    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                up, down = Pipe(client, server), Pipe(server, client)
                pipes[client] = (up, down)
                pipes[server] = (down, up)
                update(client)
                update(server)
                continue
            if sock not in pipes:
                continue
            inp, out = pipes[sock]
            try:
                if ev & selectors.EVENT_READ:
                    data = sock.recv(CHUNK)
                    if data:
                        inp.buf += data
                    else:
                        inp.eof = True
                if ev & selectors.EVENT_WRITE and out.buf:
                    n = sock.send(out.buf)
                    del out.buf[:n]
                    if out.eof and not out.buf:
                        sock.shutdown(socket.SHUT_WR)
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                close_pair(sock)
                continue
            if inp.eof and not inp.buf:
                try:
                    inp.dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
            if inp.eof and out.eof and not inp.buf and not out.buf:
                close_pair(sock)
                continue
            update(inp.src)
            update(inp.dst)


if __name__ == "__main__":
    main()
