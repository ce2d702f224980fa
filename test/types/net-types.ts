/**
 * Type-level tests, checked by `tsc --noEmit` in `npm test`: the event record
 * narrows on `type`, and the `net` functions take the seed's argument types.
 * Each `@ts-expect-error` line must fail to compile, or tsc reports it.
 */
import type { Net, NetEvent, NetRuntime } from "../../src/index.js";

/** Narrowing on `type` gives each event its own fields. */
export function narrowing(event: NetEvent): unknown[] {
  const seen: unknown[] = [];
  if (event.type === "data") {
    const text: string = event.data;
    seen.push(text);
  }
  if (event.type === "accepted") {
    const client: number = event.data;
    // @ts-expect-error an accepted event carries a handle, not text
    const wrong: string = event.data;
    seen.push(client, wrong);
  }
  if (event.type === "message") {
    // @ts-expect-error a message may be binary
    const text: string = event.data;
    seen.push(text);
  }
  if (event.type === "connected") {
    // @ts-expect-error connected carries no data
    seen.push(event.data);
  }
  if (event.type === "closed") {
    const code: number | undefined = event.code;
    seen.push(code);
  }
  if (event.type === "datagram") {
    const from: string = event.from;
    // @ts-expect-error a datagram may be binary
    const text: string = event.data;
    seen.push(from, text);
  }
  if (event.type === "udp_dropped") {
    const reason: string = event.data;
    seen.push(reason);
  }
  // @ts-expect-error not an event type of the seed
  if (event.type === "disconnected") seen.push(event);
  return seen;
}

/** The functions keep the seed's argument and return types. */
export function calls(net: Net, seen: (...values: unknown[]) => void): unknown[] {
  const handle: number = net.tcp_connect("127.0.0.1", 80);
  const sent: true | string = net.tcp_send(handle, "hi");
  const chunk: string | undefined = net.tcp_recv(handle);
  // @ts-expect-error the port is a number
  net.tcp_connect("127.0.0.1", "80");
  // @ts-expect-error tcp_recv may return void
  const always: string = net.tcp_recv(handle);
  const socket: number = net.udp_open(0, "::1", { binary: true });
  const queued: true | string = net.udp_send(socket, "127.0.0.1", 7777, new Uint8Array(4));
  const datagram = net.udp_recv(socket);
  if (datagram !== undefined) seen(datagram.from, datagram.data);
  // @ts-expect-error the port is a number
  net.udp_send(socket, "127.0.0.1", "7777", "x");
  // @ts-expect-error binary is true or false
  net.udp_open(0, undefined, { binary: "yes" });
  seen(queued);
  const response = net.http_response(net.http_get("http://example.test/"));
  if (response !== undefined && "status" in response) {
    const status: number = response.status;
    // @ts-expect-error a success record has no error field
    const error: string = response.error;
    return [sent, chunk, always, status, error];
  }
  return [sent, chunk, always];
}

/** The runtime's public type offers `flush()` and keeps its internals to itself. */
export function runtimeSurface(runtime: NetRuntime): unknown[] {
  runtime.flush();
  // @ts-expect-error the core is internal
  const core = runtime.core;
  // @ts-expect-error the loaded backends are internal
  const backends = runtime.backends;
  // @ts-expect-error the HTTP client is internal
  const http = runtime.http;
  return [core, backends, http];
}
