/**
 * The inspector page's markup and style: a header with the runtime's name and
 * a live indicator, a row of metric cards with sparklines, the handles table
 * and the recent errors. The behaviour lives in `client.ts`, served as
 * `/inspector.js`.
 */
import { escapeHtml } from "./html.js";

const STYLE = `
:root {
  --bg: #0f1218; --panel: #171b24; --panel-2: #1d2230; --line: #2a3142; --text: #e6e9ef; --muted: #8b93a7;
  --blue: #5aa9ff; --green: #4fd18b; --amber: #f5b84b; --red: #ff6b6b; --violet: #b48cff; --cyan: #4fd1d9;
}
* { box-sizing: border-box; }
body { margin: 0; background: radial-gradient(1200px 600px at 10% -10%, #1a2233 0%, var(--bg) 60%);
  color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; min-height: 100vh; }
header { display: flex; align-items: center; gap: 14px; padding: 18px 28px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 18px; margin: 0; font-weight: 650; letter-spacing: .2px; }
header h1 span { color: var(--muted); font-weight: 400; }
.live { display: inline-flex; align-items: center; gap: 7px; padding: 3px 10px; border-radius: 999px;
  background: var(--panel-2); color: var(--muted); font-size: 12px; }
.live::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--muted); }
.live.on { color: var(--green); } .live.on::before { background: var(--green); box-shadow: 0 0 8px var(--green); }
.live.off { color: var(--red); } .live.off::before { background: var(--red); }
header .spacer { flex: 1; }
header button { background: var(--panel-2); color: var(--text); border: 1px solid var(--line); border-radius: 8px;
  padding: 6px 12px; font: inherit; cursor: pointer; }
header button:hover { border-color: var(--blue); }
main { padding: 22px 28px 40px; display: grid; gap: 22px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 14px; }
.card { background: linear-gradient(180deg, var(--panel-2), var(--panel)); border: 1px solid var(--line);
  border-radius: 14px; padding: 14px 16px 8px; overflow: hidden; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .8px; }
.card .value { font-size: 26px; font-weight: 650; margin: 2px 0 4px; font-variant-numeric: tabular-nums; }
.card .sub { color: var(--muted); font-size: 12px; min-height: 17px; }
.spark { width: 100%; height: 48px; display: block; margin-top: 6px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 14px; overflow: hidden; }
section h2 { font-size: 14px; margin: 0; padding: 12px 16px; border-bottom: 1px solid var(--line);
  display: flex; align-items: center; gap: 10px; font-weight: 600; }
section h2 small { color: var(--muted); font-weight: 400; }
section h2 input { margin-left: auto; background: var(--bg); color: var(--text); border: 1px solid var(--line);
  border-radius: 8px; padding: 5px 10px; font: inherit; width: 220px; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 8px 16px; border-bottom: 1px solid #222838; white-space: nowrap; }
th { color: var(--muted); font-weight: 500; font-size: 12px; text-transform: uppercase; letter-spacing: .6px; }
td.num, th.num { text-align: right; }
tbody tr:hover { background: #1b2130; }
.kind { padding: 2px 8px; border-radius: 6px; font-size: 12px; font-weight: 600; }
.kind.ws, .kind.ws_listener { background: #1f3350; color: var(--blue); }
.kind.tcp, .kind.tcp_listener, .kind.socket { background: #2d2648; color: var(--violet); }
.kind.http { background: #173a3c; color: var(--cyan); }
.kind.udp { background: #3a2f17; color: var(--amber); }
.counts { color: var(--muted); margin-left: 12px; font-size: 12px; }
.status { display: inline-flex; align-items: center; gap: 6px; }
.status::before { content: ""; width: 7px; height: 7px; border-radius: 50%; background: var(--muted); }
.status.connected::before, .status.listening::before, .status.done::before { background: var(--green); }
.status.connecting::before, .status.pending::before, .status.building::before { background: var(--amber); }
.status.error::before { background: var(--red); }
.bar { display: inline-block; width: 70px; height: 6px; border-radius: 3px; background: #262d3d; vertical-align: middle;
  margin-left: 8px; overflow: hidden; }
.bar i { display: block; height: 100%; background: linear-gradient(90deg, var(--blue), var(--violet)); }
.empty { color: var(--muted); padding: 18px 16px; }
.errors li { padding: 8px 16px; border-bottom: 1px solid #222838; display: flex; gap: 12px; }
.errors ul { list-style: none; margin: 0; padding: 0; }
.errors .when { color: var(--muted); width: 90px; }
.errors .what { color: var(--red); }
`;

const CARDS = [
  ["handles", "Open handles"],
  ["queue", "Queue depth"],
  ["events", "Events / s"],
  ["in", "Bytes in / s"],
  ["out", "Bytes out / s"],
  ["errors", "Errors"],
];

/** The inspector's HTML page; `title` names the runtime it watches. */
export function inspectorPage(title: string): string {
  const safe = escapeHtml(title);
  const cards = CARDS.map(
    ([id, label]) =>
      `<div class="card" id="card-${id}"><div class="label">${label}</div><div class="value">–</div>` +
      `<div class="sub"></div><div class="chart"></div></div>`,
  ).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safe} · tickwire inspector</title><style>${STYLE}</style></head>
<body>
<header><h1>tickwire inspector <span>· ${safe}</span></h1><span class="live" id="live">connecting</span>
<span class="spacer"></span><button id="pause" type="button">Pause</button></header>
<main>
<div class="cards">${cards}</div>
<section><h2>Handles <small id="handle-count"></small><input id="filter" placeholder="filter handles" aria-label="filter handles"></h2>
<table><thead><tr><th>Handle</th><th>Kind</th><th>Status</th><th>Peer</th><th class="num">In</th><th class="num">Out</th>
<th class="num">In / s</th><th class="num">Out / s</th><th class="num">Buffered in</th><th class="num">Buffered out</th></tr></thead>
<tbody id="handles"></tbody></table></section>
<section class="errors"><h2>Recent errors <small id="error-count"></small></h2><ul id="errors"></ul></section>
</main>
<script type="module" src="inspector.js"></script>
</body></html>`;
}
