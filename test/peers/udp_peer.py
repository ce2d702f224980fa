"""A UDP peer on Python's socket module, for the UDP tests.

  udp_peer.py echo HOST               bind HOST:0, print "PORT n", answer every datagram (empty ones too) to its sender
  udp_peer.py burst HOST PORT N SIZE  send N datagrams of SIZE bytes from one socket: a 6-digit sequence number, then "x"s
  udp_peer.py sizes HOST PORT S...    send one datagram of each size S from one socket: bytes i % 256
  udp_peer.py ports HOST PORT N       send one datagram from each of N sockets, its text the socket's own port

The sending modes print "FROM p1 p2 ..." (their source ports) and exit.
"""
import socket
import sys


def open_socket(host):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.socket(family, socket.SOCK_DGRAM)


def echo(host):
    sock = open_socket(host)
    sock.bind((host, 0))
    print("PORT", sock.getsockname()[1], flush=True)
    while True:
        data, peer = sock.recvfrom(65536)
        sock.sendto(data, peer)


def burst(host, port, count, size):
    sock = open_socket(host)
    for seq in range(count):
        head = b"%06d" % seq
        sock.sendto(head + b"x" * (size - len(head)), (host, port))
    print("FROM", sock.getsockname()[1], flush=True)


def sizes(host, port, lengths):
    sock = open_socket(host)
    for length in lengths:
        sock.sendto(bytes(i % 256 for i in range(length)), (host, port))
    print("FROM", sock.getsockname()[1], flush=True)


def ports(host, port, count):
    socks = [open_socket(host) for _ in range(count)]
    for sock in socks:
        sock.bind((host, 0))
        sock.sendto(str(sock.getsockname()[1]).encode(), (host, port))
    print("FROM", *[sock.getsockname()[1] for sock in socks], flush=True)


def main(mode, args):
    if mode == "echo":
        return echo(args[0])
    host, port = args[0], int(args[1])
    if mode == "burst":
        return burst(host, port, int(args[2]), int(args[3]))
    if mode == "sizes":
        return sizes(host, port, [int(length) for length in args[2:]])
    if mode == "ports":
        return ports(host, port, int(args[2]))
    raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
