/**
 * Type-level tests for `runtime.network`, checked by `tsc --noEmit` in
 * `npm test`: the seed's signatures for `Network.Connect`, `Socket` and
 * `fetch`. Each `@ts-expect-error` line must fail to compile, or tsc reports it.
 */
import type { FetchOptions, NetworkModule, Response, Socket, SocketStatus } from "../../src/index.js";

/** Socket methods take the seed's argument kinds and return its types. */
export function sockets({ Network }: NetworkModule): unknown[] {
  const sock: Socket = Network.Connect("127.0.0.1", 80);
  const status: SocketStatus = sock.status;
  const error: string | null = sock.error;
  const wrote: boolean[] = [sock.write(new Uint8Array(2)), sock.write([1, 2]), sock.write("hi"), sock.write("6869", "hex")];
  const all: Uint8Array | null = sock.read();
  const some: Uint8Array | null = sock.read(4);
  // @ts-expect-error the port is a number
  Network.Connect("127.0.0.1", "80");
  // @ts-expect-error not an encoding the socket knows
  sock.write("hi", "utf16le");
  // @ts-expect-error read may return null
  const always: Uint8Array = sock.read();
  // @ts-expect-error the seed's statuses do not include "closed"
  const closed: SocketStatus = "closed";
  // @ts-expect-error status is read-only
  sock.status = "fin";
  return [status, error, wrote, all, some, always, closed];
}

/** fetch takes the seed's options and resolves to its Response. */
export async function fetching({ fetch }: NetworkModule): Promise<unknown[]> {
  const response: Response = await fetch("http://example.test/", { method: "PATCH", body: { json: { title: "foo" } } });
  const lower: FetchOptions = { method: "post", headers: { "x-a": "1" }, body: new Uint8Array(1) };
  // @ts-expect-error not one of the seed's six methods
  const options: FetchOptions = { method: "OPTIONS" };
  // @ts-expect-error header values are text
  const numeric: FetchOptions = { headers: { "x-a": 1 } };
  const todo = response.json<{ title: string }>();
  const title: string = todo.title;
  const text: string = response.text();
  const status: number = response.status;
  const reason: string | null = response.error;
  return [lower, options, numeric, title, text, status, reason];
}
