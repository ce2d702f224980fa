/**
 * The Epitaph chat example (examples/epitaph-chat) played end to end by
 * `tickwire run`: a headless server and two clients, three processes
 * mounting the same script tree, talking over WebSocket on 127.0.0.1. Each
 * process's exact lines are checked; the clients end themselves with
 * `sys.exit(0)` well within their `--ticks`, the server exits 0 on SIGTERM
 * after `shutdown()`. The tree also passes `tickwire check`, and refuses to
 * play in the offline_singleplayer role.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { cli, startCli } from "../helpers/cli.js";
import { writeTree } from "../helpers/engine.js";

const TREE = "examples/epitaph-chat/scripts";

/** An asset folder holding the chat's settings. */
function settings(port: number): string {
  return writeTree({ "chat.json": JSON.stringify({ host: "127.0.0.1", port }) });
}

test("the chat plays: a server and two clients from one tree, each logs its side of the conversation", async () => {
  const server = startCli(["run", TREE, "--role", "server", "--headless", "--assets", settings(0)]);
  after(() => server.stop("SIGKILL"));
  const listening = await server.line(/chat server listening on port \d+/);
  const port = Number(/port (\d+)/.exec(listening)?.[1]);
  const assets = settings(port);

  const first = startCli(["run", TREE, "--role", "client", "--assets", assets, "--ticks", "6000"]);
  after(() => first.stop("SIGKILL"));
  await first.line(/player1: hello\? anyone here\?/);
  const second = await cli(["run", TREE, "--role", "client", "--assets", assets, "--ticks", "6000"]);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(
    second.stdout,
    "[ep:info] joined as player2, 2 online\n[ep:info] player2: hi everyone!\n[ep:info] player1: hi player2! gotta go\n" +
      "[ep:info] * player1 left\n[ep:info] left the chat\n",
  );
  const firstEnded = await first.exited;
  assert.equal(firstEnded.code, 0, firstEnded.stderr);
  assert.equal(
    firstEnded.stdout,
    "[ep:info] joined as player1, 1 online\n[ep:info] player1: hello? anyone here?\n[ep:info] * player2 joined\n" +
      "[ep:info] player2: hi everyone!\n[ep:info] player1: hi player2! gotta go\n[ep:info] left the chat\n",
  );

  await server.line(/player2 left, 0 online/);
  const serverEnded = await server.stop("SIGTERM");
  assert.equal(serverEnded.code, 0, serverEnded.stderr);
  assert.equal(serverEnded.stderr, "");
  assert.equal(
    serverEnded.stdout,
    `[ep:info] chat server listening on port ${port}\n[ep:info] player1 joined, 1 online\n` +
      "[ep:info] player1: hello? anyone here?\n[ep:info] player2 joined, 2 online\n[ep:info] player2: hi everyone!\n" +
      "[ep:info] player1: hi player2! gotta go\n[ep:info] player1 left, 1 online\n[ep:info] player2 left, 0 online\n" +
      "[ep:info] chat server closing with 0 online\n",
  );
});

test("the chat tree passes tickwire check and refuses the offline_singleplayer role", async () => {
  const checked = await cli(["check", TREE]);
  assert.equal(checked.code, 0, checked.stdout);
  const offline = await cli(["run", TREE, "--role", "offline_singleplayer", "--assets", settings(0), "--ticks", "600"]);
  assert.equal(offline.code, 2);
  assert.equal(offline.stdout, "");
  assert.equal(offline.stderr, "[ep:error] the chat needs a server and clients: run with --role server or --role client\n");
});
