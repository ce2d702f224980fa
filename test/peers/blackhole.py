"""A TCP peer that never accepts, for connect-timeout tests.

Listens on 127.0.0.1 with a backlog of 0 and never calls accept(), prints
"PORT <n>". Once a connection or two fill the accept queue, the kernel drops
further SYNs, so a new connect neither succeeds nor fails until it times out.
"""
import signal
import socket
import sys

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(0)
print(f"PORT {server.getsockname()[1]}", flush=True)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
signal.pause()
