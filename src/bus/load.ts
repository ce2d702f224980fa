/**
 * Loading the bus's backend on Node: imports the driver of the options' URL
 * scheme (ioredis or the NATS client, never both) and keeps every driver it
 * makes, so the runtime's shutdown closes them. Only the Node entry imports
 * this file, so the script typings and the browser build never reach a
 * driver.
 */
import type { BusBackend, BusDriver } from "./driver.js";
import { busSettings, type BusOptions } from "./options.js";

/** Loads the driver for the options' URL scheme (only that driver's package is imported). */
export async function loadBusBackend(options: BusOptions): Promise<BusBackend> {
  const factory = busSettings(options).scheme === "redis" ? (await import("./redis-driver.js")).createRedisDriver : (await import("./nats-driver.js")).createNatsDriver;
  const drivers: BusDriver[] = [];
  return {
    createDriver(settings, hooks) {
      const driver = factory(settings, hooks);
      drivers.push(driver);
      return driver;
    },
    shutdown: () => Promise.all(drivers.splice(0).map((driver) => driver.close())).then(() => undefined),
  };
}
