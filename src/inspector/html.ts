/**
 * Escaping text for HTML, shared by the inspector's page (built on Node) and
 * its page script (run in the browser).
 */

/** `text` with `&`, `<`, `>` and `"` as character references, safe inside elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
