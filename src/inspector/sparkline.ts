/**
 * Sparklines for the inspector page: a series of numbers drawn as an SVG
 * line over a soft gradient area, scaled to its own maximum and stretched to
 * the width of its box. Pure string building; the page swaps it into the DOM.
 */

/** SVG markup of `values` (oldest first) in `color`; `id` names its gradient and must be unique in the page. */
export function sparkline(values: readonly number[], color: string, id: string, width = 240, height = 48): string {
  const top = Math.max(...values, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((value, i) => {
    const x = values.length > 1 ? i * step : width;
    const y = height - 3 - (value / top) * (height - 8);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  if (points.length === 0) points.push(`0,${height - 3}`, `${width},${height - 3}`);
  const line = `M${points.join(" L")}`;
  return [
    `<svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" class="spark" role="img">`,
    `<defs><linearGradient id="${id}" x1="0" x2="0" y1="0" y2="1">`,
    `<stop offset="0" stop-color="${color}" stop-opacity="0.35"/><stop offset="1" stop-color="${color}" stop-opacity="0"/>`,
    `</linearGradient></defs>`,
    `<path d="${line} L${width},${height} L0,${height} Z" fill="url(#${id})" stroke="none"/>`,
    `<path d="${line}" fill="none" stroke="${color}" stroke-width="1.6" vector-effect="non-scaling-stroke"/>`,
    `</svg>`,
  ].join("");
}
