/**
 * Seed 000's TCP examples, its event-loop pattern and its simple GET,
 * translated line by line into TypeScript and run on real sockets (the GET
 * against nginx). Each tick is one
 * call of the translated `tick`; the examples' fixed ports become port 0.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Net } from "../../src/index.js";
import { makeCertificates, startNginx } from "../helpers/peers.js";
import { boundPort, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

/** A log that records lines as the examples' `log.info`/`log.error` would print them. */
function makeLog(lines: string[]) {
  return {
    info: (...args: unknown[]) => lines.push(`info ${args.join(" ")}`),
    error: (...args: unknown[]) => lines.push(`error ${args.join(" ")}`),
  };
}

/** Example: TCP Server. */
function tcpServerScript(net: Net, log: ReturnType<typeof makeLog>) {
  let server = 0;
  const clients: number[] = [];
  return {
    init() {
      server = net.tcp_listen(0);
      log.info("Listening on port", 0);
    },
    tick() {
      for (let evt = net.poll_event(); evt !== undefined; evt = net.poll_event()) {
        switch (evt.type) {
          case "accepted":
            clients.push(evt.data);
            log.info("Client connected:", evt.data);
            net.tcp_send(evt.data, "welcome\n");
            break;
          case "data":
            log.info("Client", evt.handle, "says:", evt.data);
            break;
          case "closed":
            log.info("Client disconnected:", evt.handle);
            break;
        }
      }
    },
    get server() {
      return server;
    },
    clients,
  };
}

/** Example: TCP Client. */
function tcpClientScript(net: Net, log: ReturnType<typeof makeLog>, port: () => number) {
  let conn = 0;
  return {
    init() {
      conn = net.tcp_connect("127.0.0.1", port());
    },
    tick() {
      for (let evt = net.poll_event(); evt !== undefined; evt = net.poll_event()) {
        switch (evt.type) {
          case "connected":
            log.info("Connected to server");
            net.tcp_send(conn, "hello\n");
            break;
          case "data":
            log.info("Server says:", evt.data);
            break;
          case "error":
            log.error("Connection error:", evt.data);
            break;
        }
      }
    },
  };
}

/** Example: Event Loop Pattern. */
function eventLoopScript(net: Net, log: ReturnType<typeof makeLog>) {
  return {
    tick() {
      for (let evt = net.poll_event(); evt !== undefined; evt = net.poll_event()) {
        switch (evt.type) {
          case "connected":
            log.info("Connected:", evt.handle);
            break;
          case "data":
            log.info("Received:", evt.data);
            break;
          case "error":
            log.error("Error:", evt.data);
            break;
          case "closed":
            log.info("Closed:", evt.handle);
            break;
        }
      }
    },
  };
}

test("the seed's TCP server and TCP client talk to each other tick by tick", async () => {
  const serverLines: string[] = [];
  const clientLines: string[] = [];
  const serverNet = runtimeForTest().net;
  const clientNet = runtimeForTest().net;
  const server = tcpServerScript(serverNet, makeLog(serverLines));
  server.init();
  const port = await boundPort(serverNet, server.server);
  const client = tcpClientScript(clientNet, makeLog(clientLines), () => port);
  client.init();
  await pollUntil(() => {
    server.tick();
    client.tick();
    return serverLines.some((l) => l.includes("says: hello")) && clientLines.some((l) => l.includes("welcome"));
  }, { what: `the exchange (server: ${serverLines.join(" | ")}; client: ${clientLines.join(" | ")})` });
  const clientHandle = server.clients[0];
  assert.deepEqual(serverLines, [
    "info Listening on port 0",
    `info Client connected: ${clientHandle}`,
    `info Client ${clientHandle} says: hello\n`,
  ]);
  assert.deepEqual(clientLines, ["info Connected to server", "info Server says: welcome\n"]);
});

test("the seed's event-loop pattern logs a connection's whole life", async () => {
  const lines: string[] = [];
  const { net } = runtimeForTest();
  const listener = net.tcp_listen(0, "127.0.0.1");
  const port = await boundPort(net, listener);
  const conn = net.tcp_connect("127.0.0.1", port);
  const loop = eventLoopScript(net, makeLog(lines));
  let server = 0;
  let sent = false;
  await pollUntil(() => {
    server ||= net.tcp_accept(listener) ?? 0;
    if (!sent && server !== 0 && net.status(conn) === "connected" && net.tcp_send(server, "payload") === true) {
      net.tcp_close(server);
      sent = true;
    }
    loop.tick();
    return lines.includes(`info Closed: ${conn}`);
  }, { what: `the connection's life (${lines.join(" | ")})` });
  const mine = lines.filter((l) => l !== `info Closed: ${server}`);
  assert.deepEqual(mine, [`info Connected: ${conn}`, "info Received: payload", `info Closed: ${conn}`]);
});

/** Example: Simple GET (the URL points at a local nginx instead of api.example.com). */
function simpleGetScript(net: Net, log: ReturnType<typeof makeLog>, url: string) {
  let req = 0;
  return {
    init() {
      req = net.http_get(url);
    },
    tick() {
      if (req !== 0) {
        const resp = net.http_response(req);
        if (resp !== undefined) {
          if ("status" in resp && resp.status === 200) {
            const data = JSON.parse(resp.body) as unknown;
            log.info("Got data:", JSON.stringify(data));
          } else {
            log.error("HTTP error:", "status" in resp ? resp.status : resp.error);
          }
          req = 0;
        }
      }
    },
    get req() {
      return req;
    },
  };
}

test("the seed's simple GET reads JSON from nginx, and logs an HTTP error for a 404", async () => {
  const nginx = await startNginx(makeCertificates());
  after(() => nginx.stop());
  const lines: string[] = [];
  const { net } = runtimeForTest();
  const good = simpleGetScript(net, makeLog(lines), `http://127.0.0.1:${nginx.port}/data.json`);
  const missing = simpleGetScript(net, makeLog(lines), `http://127.0.0.1:${nginx.port}/nothing.json`);
  good.init();
  missing.init();
  await pollUntil(() => {
    good.tick();
    missing.tick();
    return good.req === 0 && missing.req === 0;
  }, { what: "both responses" });
  assert.deepEqual(lines.sort(), ['error HTTP error: 404', 'info Got data: {"score":42,"name":"tickwire"}']);
});
