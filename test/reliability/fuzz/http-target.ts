/**
 * The HTTP server the fuzzer's requests go to, in this process: /fast
 * answers at once, /slow after a moment, /big with 200 KB, /redirect points
 * to /fast, anything else is a 404.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** A running fuzz target and how to stop it. */
export interface HttpTarget {
  port: number;
  close(): Promise<void>;
}

const BIG = "b".repeat(200_000);

/** Starts the fuzz target on 127.0.0.1:0. */
export async function startHttpTarget(): Promise<HttpTarget> {
  const server = http.createServer((request, response) => {
    request.resume();
    const path = request.url ?? "/";
    if (path === "/fast") return response.end("fast");
    if (path === "/slow") return void setTimeout(() => response.end("slow"), 30);
    if (path === "/big") return response.end(BIG);
    if (path === "/redirect") return response.writeHead(302, { location: "/fast" }).end();
    response.writeHead(404).end("missing");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
