/** The table `npm start` prints at the end of a game: the server's totals and each bot's traffic and round trips. */

/** What a bot prints when it is done. */
export interface BotResult {
  name: string;
  transport: string;
  score: number;
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Milliseconds from a ping's send to its pong's arrival, as each side's game loop sees them. */
  roundTrips: number[];
  /** For a bot that took its world snapshots over UDP: datagrams received, lost and late (ignored). */
  udp?: { datagrams: number; lost: number; late: number };
}

/** The value below which `q` (0..1) of the sorted samples lie. */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Prints the summary table. */
export function printSummary(status: Record<string, unknown>, bots: readonly BotResult[], seconds: number): void {
  const all = bots.flatMap((bot) => bot.roundTrips);
  console.log(`\narena: ${String(status.players_seen)} players, ${seconds} s of play`);
  console.log(
    `server: ${String(status.messagesIn)} messages in, ${String(status.messagesOut)} out, ` +
      `${kib(Number(status.bytesIn))} in, ${kib(Number(status.bytesOut))} out`,
  );
  const rows = bots.map((bot) => [
    bot.name, bot.transport, String(bot.score), String(bot.messagesIn), String(bot.messagesOut), kib(bot.bytesIn), kib(bot.bytesOut),
    ms(percentile(bot.roundTrips, 0.5)), ms(percentile(bot.roundTrips, 0.99)),
  ]);
  const header = ["player", "via", "score", "msgs in", "msgs out", "bytes in", "bytes out", "rtt p50", "rtt p99"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd());
  console.log(`round trip over ${all.length} pings: p50 ${ms(percentile(all, 0.5))}, p99 ${ms(percentile(all, 0.99))}`);
  for (const bot of bots) {
    if (bot.udp === undefined) continue;
    const { datagrams, lost, late } = bot.udp;
    const share = datagrams + lost > 0 ? ((100 * lost) / (datagrams + lost)).toFixed(1) : "0.0";
    console.log(`${bot.name} snapshots over UDP: ${datagrams} datagrams, ${lost} lost (${share}%), ${late} late and ignored`);
  }
}
