/**
 * The published package as a user gets it: `npm pack`, installed into an
 * empty folder, imported from plain `node` (no tsx), used for a TCP round trip.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { npmInstall, packTarball, runIn } from "../helpers/package-build.js";

test("npm pack gives a tarball that works from plain node in an empty folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "tickwire-pack-"));
  const { tarball, files } = packTarball(dir);
  assert.ok(files.includes("dist/index.js") && files.includes("dist/index.d.ts"), `tarball files: ${files.join(", ")}`);
  assert.ok(!files.some((f) => f.startsWith("src/") || f.startsWith("test/")), "no sources or tests shipped");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  npmInstall(dir, [tarball]);
  writeFileSync(
    join(dir, "main.js"),
    `import { createNetRuntime } from "tickwire";
const { net, close } = createNetRuntime();
const listener = net.tcp_listen(0, "127.0.0.1");
const deadline = Date.now() + 10000;
const wait = () => new Promise((r) => setTimeout(r, 5));
while (net.local_port(listener) === undefined && Date.now() < deadline) await wait();
const conn = net.tcp_connect("127.0.0.1", net.local_port(listener));
let got = "";
while (got !== "pong" && Date.now() < deadline) {
  const e = net.poll_event();
  if (e?.type === "accepted") net.tcp_send(e.data, "pong");
  if (e?.type === "data" && e.handle === conn) got += e.data;
  if (!e) await wait();
}
await close();
console.log("got", got);
`,
  );
  assert.equal(runIn(dir, process.execPath, ["main.js"]).trim(), "got pong");
});
