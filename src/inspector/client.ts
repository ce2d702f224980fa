/**
 * The inspector page's script (bundled and served as `/inspector.js`): it
 * fetches `stats` four times a second, keeps 30 seconds of history, computes
 * rates from the totals of consecutive snapshots (so several open tabs do not
 * disturb each other), and redraws the cards, sparklines, handles table and
 * recent errors, with each handle's protocol counts (a UDP socket's datagrams and drops).
 */
import type { HandleStats, RuntimeStats } from "../core/stats.js";
import { escapeHtml } from "./html.js";
import { formatAgo, formatBytes, formatCount, formatRate } from "./format.js";
import { sparkline } from "./sparkline.js";

const INTERVAL_MS = 250;
const HISTORY = 120;
const COLORS = { handles: "#5aa9ff", queue: "#f5b84b", events: "#b48cff", in: "#4fd18b", out: "#4fd1d9", errors: "#ff6b6b" };
type Metric = keyof typeof COLORS;

const history: Record<Metric, number[]> = { handles: [], queue: [], events: [], in: [], out: [], errors: [] };
let previous: RuntimeStats | undefined;
let previousByHandle = new Map<number, HandleStats>();
let paused = false;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function push(metric: Metric, value: number): void {
  const series = history[metric];
  series.push(value);
  if (series.length > HISTORY) series.shift();
}

/** The series padded with zeros on the left to the full window, so charts fill from the right. */
function padded(series: number[]): number[] {
  return series.length >= HISTORY ? series : [...new Array<number>(HISTORY - series.length).fill(0), ...series];
}

function setCard(metric: Metric, value: string, sub: string): void {
  const card = byId(`card-${metric}`);
  (card.querySelector(".value") as HTMLElement).textContent = value;
  (card.querySelector(".sub") as HTMLElement).textContent = sub;
  (card.querySelector(".chart") as HTMLElement).innerHTML = sparkline(padded(history[metric]), COLORS[metric], `g-${metric}`);
}

function perSecond(now: number, before: number | undefined, seconds: number): number {
  return before === undefined || seconds <= 0 ? 0 : Math.max(0, now - before) / seconds;
}

function kindSummary(stats: RuntimeStats): string {
  return Object.entries(stats.handles.byKind)
    .map(([kind, statuses]) => `${kind.replace("_", " ")} ${Object.values(statuses ?? {}).reduce((a, b) => a + b, 0)}`)
    .join(" · ");
}

function renderCards(stats: RuntimeStats, seconds: number): void {
  const totals = stats.totals;
  const rates = {
    events: perSecond(totals.events, previous?.totals.events, seconds),
    in: perSecond(totals.bytesIn, previous?.totals.bytesIn, seconds),
    out: perSecond(totals.bytesOut, previous?.totals.bytesOut, seconds),
  };
  push("handles", stats.handles.open);
  push("queue", stats.queueDepth);
  push("events", rates.events);
  push("in", rates.in);
  push("out", rates.out);
  push("errors", perSecond(totals.errors, previous?.totals.errors, seconds));
  setCard("handles", formatCount(stats.handles.open), kindSummary(stats) || "none yet");
  setCard("queue", formatCount(stats.queueDepth), "events not yet polled");
  setCard("events", formatRate(rates.events), `${formatCount(totals.events)} total`);
  setCard("in", `${formatBytes(rates.in)}/s`, `${formatBytes(totals.bytesIn)} total`);
  setCard("out", `${formatBytes(rates.out)}/s`, `${formatBytes(totals.bytesOut)} total`);
  const finished = stats.handles.total - stats.handles.open;
  setCard("errors", formatCount(totals.errors), `${formatCount(finished)} finished ${finished === 1 ? "handle" : "handles"} kept`);
}

function bar(bytes: number, largest: number): string {
  const width = largest > 0 ? Math.max(2, Math.round((bytes / largest) * 100)) : 0;
  return `${formatBytes(bytes)}<span class="bar"><i style="width:${bytes > 0 ? width : 0}%"></i></span>`;
}

/** A handle's protocol counts as "datagrams in 12 · dropped out 1", zero counts left out. */
function countersText(counters: Record<string, number> | undefined): string {
  const shown = Object.entries(counters ?? {}).filter(([, count]) => count > 0);
  return shown.map(([name, count]) => `${name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} ${formatCount(count)}`).join(" · ");
}

function handleRow(entry: HandleStats, seconds: number, largest: number): string {
  const before = previousByHandle.get(entry.handle);
  const address = entry.remote ?? (entry.localPort !== undefined ? `:${entry.localPort}` : "");
  const counts = countersText(entry.counters);
  return (
    `<tr data-handle="${entry.handle}"><td>#${entry.handle}</td>` +
    `<td><span class="kind ${entry.kind}">${entry.kind.replace("_", " ")}</span></td>` +
    `<td><span class="status ${escapeHtml(entry.status)}">${escapeHtml(entry.status)}</span></td>` +
    `<td>${escapeHtml(address)}${counts === "" ? "" : `<span class="counts">${escapeHtml(counts)}</span>`}</td>` +
    `<td class="num">${formatBytes(entry.bytesIn)}</td><td class="num">${formatBytes(entry.bytesOut)}</td>` +
    `<td class="num">${formatBytes(perSecond(entry.bytesIn, before?.bytesIn, seconds))}/s</td>` +
    `<td class="num">${formatBytes(perSecond(entry.bytesOut, before?.bytesOut, seconds))}/s</td>` +
    `<td class="num">${bar(entry.bufferedIn, largest)}</td><td class="num">${bar(entry.bufferedOut, largest)}</td></tr>`
  );
}

function renderHandles(stats: RuntimeStats, seconds: number): void {
  const filter = byId<HTMLInputElement>("filter").value.trim().toLowerCase();
  const shown = stats.list.filter(
    (e) => filter === "" || `${e.handle} ${e.kind} ${e.status} ${e.remote ?? ""} ${e.localPort ?? ""}`.toLowerCase().includes(filter),
  );
  const largest = Math.max(0, ...shown.map((e) => Math.max(e.bufferedIn, e.bufferedOut)));
  byId("handles").innerHTML =
    shown.map((entry) => handleRow(entry, seconds, largest)).join("") ||
    `<tr><td class="empty" colspan="10">${stats.list.length === 0 ? "No handles yet." : "No handle matches the filter."}</td></tr>`;
  const more = stats.unlisted > 0 ? `, ${formatCount(stats.unlisted)} not listed` : "";
  byId("handle-count").textContent = `${formatCount(stats.handles.total)} in the table, ${formatCount(stats.handles.open)} open${more}`;
  previousByHandle = new Map(stats.list.map((entry) => [entry.handle, entry]));
}

function renderErrors(stats: RuntimeStats): void {
  const items = stats.recentErrors
    .slice()
    .reverse()
    .map(
      (e) =>
        `<li><span class="when">${formatAgo(stats.at - e.at)}</span><span>#${e.handle} ${e.kind}</span>` +
        `<span class="what">${escapeHtml(e.error)}</span></li>`,
    );
  byId("errors").innerHTML = items.join("") || `<li class="empty">No errors.</li>`;
  byId("error-count").textContent = `${formatCount(stats.totals.errors)} in all`;
}

function render(stats: RuntimeStats): void {
  const seconds = previous === undefined ? 0 : (stats.at - previous.at) / 1000;
  renderCards(stats, seconds);
  renderHandles(stats, seconds);
  renderErrors(stats);
  previous = stats;
  document.body.dataset.samples = String(history.handles.length);
}

function setLive(state: "on" | "off" | "paused"): void {
  const live = byId("live");
  live.className = `live ${state === "paused" ? "" : state}`;
  live.textContent = state === "on" ? "live" : state === "off" ? "disconnected" : "paused";
}

async function refresh(): Promise<void> {
  if (!paused) {
    try {
      const response = await fetch("stats", { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      render((await response.json()) as RuntimeStats);
      setLive("on");
    } catch {
      setLive("off");
    }
  }
  setTimeout(refresh, INTERVAL_MS);
}

byId("pause").addEventListener("click", (event) => {
  paused = !paused;
  (event.currentTarget as HTMLButtonElement).textContent = paused ? "Resume" : "Pause";
  if (paused) setLive("paused");
});
void refresh();
