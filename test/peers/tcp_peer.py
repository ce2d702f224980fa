"""A TCP peer for fault tests, meant to be killed mid-connection.

Usage: tcp_peer.py echo|silent. Binds 127.0.0.1 on a free port, prints
"PORT <n>", and serves any number of connections: "echo" sends every byte
back, "silent" reads everything and never answers (an HTTP server that
hangs). Killing the process closes every connection it holds.
"""
import asyncio
import sys

MODE = sys.argv[1] if len(sys.argv) > 1 else "echo"


async def serve(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if MODE == "echo":
                writer.write(data)
                await writer.drain()
    except ConnectionError:
        pass
    writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
