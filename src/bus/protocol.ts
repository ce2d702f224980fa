/**
 * The bus's row of the protocol table (SPEC 13): the `bus_*`, `room_*` and
 * `node_id` functions of `net`, its handle kinds (subscriptions, rooms and
 * directory requests, none a connection), its limits `busMessageBytes` and
 * `busQueueMessages`, and its `bus` option, which turns it on. Off by
 * default; its backend (the driver of the URL's scheme) starts loading as
 * soon as a runtime has the bus, since the lease must be held from the start.
 */
import { defineProtocol, type ProtocolContext } from "../core/protocol.js";
import { Bus } from "./bus.js";
import type { BusBackend, DriverFactory } from "./driver.js";
import { netBus } from "./net-bus.js";
import { busEnabled, busSettings, checkBusOptions, type BusOptions } from "./options.js";

/** The bus protocol. */
export const busProtocol = defineProtocol({
  name: "bus",
  kinds: { bus_sub: null, bus_room: null, bus_request: null },
  limits: { busMessageBytes: 64 * 1024, busQueueMessages: 10_000 },
  options: { bus: checkBusOptions },
  fallbacks: { bus_pub: "error", room_meta: "error" },
  enabled: (flag, _byDefault, options) => busEnabled(flag, options.bus as BusOptions | undefined),
  open({ core, backend, options, platform }: ProtocolContext<BusBackend>) {
    const driver = new Promise<DriverFactory>((resolve, reject) => {
      backend.use((loaded) => resolve(loaded.createDriver), (why) => reject(new Error(why)));
    });
    const bus = new Bus(core, platform, busSettings(options.bus as BusOptions), driver);
    return { functions: netBus(core, bus), service: bus, close: () => bus.close() };
  },
});
