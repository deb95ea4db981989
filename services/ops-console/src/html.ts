/** HTML-escapes text for element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One navigation entry: a page's path and title (pages/index.ts lists them). */
export interface NavEntry {
  path: string;
  title: string;
}

const STYLE = `
body{font:14px system-ui,sans-serif;margin:0;color:#1d2430}
header{background:#1d2430;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header a{color:#cfe0ff;text-decoration:none}header a.here{color:#fff;font-weight:600}
header .who{margin-left:auto;color:#aab}
main{padding:16px}table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef}pre{background:#f6f7f9;padding:8px;margin:0;white-space:pre-wrap;max-width:80em}
.ok{color:#116611}.bad{color:#aa1111;font-weight:600}.muted{color:#667}
form.inline{display:inline}`;

/** The page around a body: title, navigation (every registered page), who is signed in. */
export function layout(options: {
  title: string;
  operator: string;
  nav: readonly NavEntry[];
  here: string;
  body: string;
  head?: string;
}): string {
  const links = options.nav
    .map(
      (n) => `<a href="${esc(n.path)}"${n.path === options.here ? ' class="here"' : ''}>${esc(n.title)}</a>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(options.title)} · Motlan console</title>
<style>${STYLE}</style>${options.head ?? ''}</head><body>
<header><strong>Motlan console</strong>${links}<span class="who">signed in as <b id="operator">${esc(options.operator)}</b>
<form class="inline" method="post" action="/sign-out"><button>Sign out</button></form></span></header>
<main><h1>${esc(options.title)}</h1>${options.body}</main></body></html>`;
}

/** A table from a header and rows of already-escaped HTML cells. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], id?: string): string {
  if (rows.length === 0) return '<p class="muted">Nothing here.</p>';
  return `<table${id ? ` id="${esc(id)}"` : ''}><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}
