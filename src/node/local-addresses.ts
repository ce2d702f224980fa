/**
 * This machine's own addresses for the host policy's `$private` (SPEC 11): an
 * admin port bound to 0.0.0.0 is reachable through the machine's public
 * addresses too, not only through 127.0.0.1. Read from
 * `os.networkInterfaces()`, kept for at most a second so a busy script does
 * not ask the kernel on every connect or datagram, and read again after that
 * so an address added later (DHCP, a VPN coming up) is covered within a second.
 */
import { networkInterfaces } from "node:os";
import type { LocalAddresses } from "../policy/classify.js";

/** How long a read of the interfaces is trusted. */
const REFRESH_MS = 1000;

/** A source of this machine's addresses that reads the interfaces at most once per `refreshMs`. */
export function interfaceAddresses(refreshMs = REFRESH_MS): LocalAddresses {
  let addresses: string[] = [];
  let readAt = -Infinity;
  return () => {
    const now = performance.now();
    if (now - readAt >= refreshMs) {
      addresses = Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address));
      readAt = now;
    }
    return addresses;
  };
}
