/**
 * Real peers no one here wrote, started for a test: socat (echo, and a peer
 * that resets), nginx (HTTP and HTTPS with a CA made by openssl), and a Python
 * websockets echo server.
 */
import { execFileSync } from "node:child_process";
import { after, before } from "node:test";
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { freePort, requireProgram, requirePythonModule, startPeer, type Peer } from "./processes.js";

/** A socat TCP echo server on 127.0.0.1. */
export async function startSocatEcho(): Promise<Peer> {
  const port = await freePort();
  return startPeer("socat", [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork`, "EXEC:cat"], port);
}

/** A socat server that sends `text`, then resets the connection (SO_LINGER 0). */
export async function startSocatResetter(text: string): Promise<Peer> {
  const port = await freePort();
  return startPeer(
    "socat",
    [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork,linger=0`, `SYSTEM:printf ${text}; sleep 0.3`],
    port,
  );
}

/** The Python websockets echo server of test/peers/ws_echo.py. */
export function startPythonWs(): Promise<Peer> {
  const script = fileURLToPath(new URL("../peers/ws_echo.py", import.meta.url));
  return startPeer(requirePythonModule("websockets"), ["-u", script], 0);
}

/** A CA and a certificate for 127.0.0.1 and localhost signed by it. */
export interface TestCertificates {
  caPem: string;
  certPath: string;
  keyPath: string;
}

/** Makes a throw-away CA and server certificate with openssl. */
export function makeCertificates(): TestCertificates {
  const openssl = requireProgram("openssl");
  const dir = mkdtempSync(join(tmpdir(), "tickwire-tls-"));
  const run = (...args: string[]) => execFileSync(openssl, args, { cwd: dir, stdio: "pipe" });
  run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=tickwire test CA",
    "-keyout", "ca.key", "-out", "ca.pem");
  run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
  writeFileSync(join(dir, "ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
    "-extfile", "ext.cnf", "-out", "server.pem");
  return { caPem: readFileSync(join(dir, "ca.pem"), "utf8"), certPath: join(dir, "server.pem"), keyPath: join(dir, "server.key") };
}

/** A running nginx with its plain and TLS ports. */
export interface Nginx extends Peer {
  tlsPort: number;
}

/**
 * Starts nginx on 127.0.0.1 serving: `/hello.txt`, `/data.json`, `/big.txt` (gzip on),
 * `/pre.txt` (a pre-gzipped file with content-encoding gzip), `/redirect` (302 to /hello.txt),
 * `/loop` (a redirect to itself), `/echo-headers` (answers the x-probe header back), 404 elsewhere.
 */
export async function startNginx(certs: TestCertificates): Promise<Nginx> {
  const root = mkdtempSync(join(tmpdir(), "tickwire-nginx-"));
  const html = join(root, "html");
  mkdirSync(html);
  mkdirSync(join(root, "logs"));
  writeFileSync(join(html, "hello.txt"), "hello from nginx\n");
  writeFileSync(join(html, "data.json"), JSON.stringify({ score: 42, name: "tickwire" }));
  writeFileSync(join(html, "big.txt"), "tickwire ".repeat(20_000));
  writeFileSync(join(html, "pre.gz"), gzipSync("pre-compressed body"));
  const [port, tlsPort] = [await freePort(), await freePort()];
  const conf = `
worker_processes 1;
daemon off;
master_process off;
user root;
error_log ${root}/logs/error.log warn;
pid ${root}/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${root}/body;
  proxy_temp_path ${root}/proxy;
  fastcgi_temp_path ${root}/fastcgi;
  uwsgi_temp_path ${root}/uwsgi;
  scgi_temp_path ${root}/scgi;
  default_type text/plain;
  gzip on; gzip_types text/plain; gzip_min_length 100;
  server {
    listen 127.0.0.1:${port};
    listen 127.0.0.1:${tlsPort} ssl;
    ssl_certificate ${certs.certPath};
    ssl_certificate_key ${certs.keyPath};
    root ${html};
    location = /redirect { return 302 /hello.txt; }
    location = /loop { return 302 /loop; }
    location = /echo-headers { return 200 "probe=$http_x_probe method=$request_method\\n"; }
    location = /pre.txt { default_type text/plain; add_header Content-Encoding gzip; try_files /pre.gz =404; }
  }
}`;
  writeFileSync(join(root, "nginx.conf"), conf);
  const peer = await startPeer("nginx", ["-p", root, "-c", join(root, "nginx.conf")], port);
  return { ...peer, tlsPort };
}

/** nginx with a fresh test CA for the current suite: started before it, stopped after it; read the fields inside tests. */
export function nginxForSuite(): { nginx: Nginx; certs: TestCertificates } {
  const suite = {} as { nginx: Nginx; certs: TestCertificates };
  before(async () => {
    suite.certs = makeCertificates();
    suite.nginx = await startNginx(suite.certs);
  });
  after(() => suite.nginx?.stop());
  return suite;
}
