/**
 * Bench peer: a keep-alive HTTP server answering every request with the
 * same small text body; its counter is the number of requests served.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { reportToParent, stayAwake } from "./report.js";

const BODY = Buffer.from(`${"tickwire ".repeat(11)}\n`);
let served = 0;

const server = http.createServer((_request, response) => {
  served++;
  response.writeHead(200, { "content-type": "text/plain", "content-length": BODY.length });
  response.end(BODY);
});
server.keepAliveTimeout = 60_000;
server.listen({ port: 0, host: "127.0.0.1", backlog: 1024 }, () => {
  reportToParent((server.address() as AddressInfo).port, () => served);
  stayAwake();
});
