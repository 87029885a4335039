/**
 * The report's stylesheet, inlined in its <head>: a serif text column for reading on screen, and
 * print rules for the PDF (each chapter on a new page, figures and table rows never split, table
 * headers repeated on every page). System fonts only (DejaVu on Debian): nothing is fetched.
 */
export const REPORT_CSS = `
:root {
  --ink: #1b1b1b; --muted: #5f6670; --rule: #d5d9de; --accent: #8a1c1c; --shade: #f4f5f7;
  --serif: 'Charter', 'Georgia', 'DejaVu Serif', 'Liberation Serif', serif;
  --sans: 'DejaVu Sans', 'Liberation Sans', 'Helvetica Neue', Arial, sans-serif;
  --mono: 'DejaVu Sans Mono', 'Liberation Mono', monospace;
}
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: #fff; font-family: var(--serif); line-height: 1.5; }
main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
h1, h2, h3, h4 { font-family: var(--sans); line-height: 1.25; color: var(--ink); }
h1 { font-size: 1.9rem; margin: 0 0 0.4rem; }
h2 { font-size: 1.35rem; margin: 2.6rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.08rem; margin: 1.8rem 0 0.5rem; }
p { margin: 0.55rem 0; hyphens: auto; }
a { color: var(--accent); text-decoration: none; }
a.url { word-break: break-all; font-family: var(--mono); font-size: 0.8em; }
code { font-family: var(--mono); font-size: 0.86em; }
.subtitle { font-family: var(--sans); color: var(--muted); font-size: 1.05rem; margin: 0 0 1rem; }
.notice { font-family: var(--sans); font-size: 0.85rem; border-left: 4px solid var(--accent); background: var(--shade); padding: 0.6rem 0.9rem; margin: 1.2rem 0; }
.meta { font-family: var(--sans); font-size: 0.85rem; color: var(--muted); }
.question { font-size: 1.12rem; font-style: italic; border-left: 4px solid var(--rule); padding-left: 1rem; margin: 1rem 0; }
nav.toc ol { font-family: var(--sans); font-size: 0.92rem; padding-left: 2rem; }
nav.toc li { margin: 0.15rem 0; }
a.cite { font-family: var(--sans); font-size: 0.85em; }
.model-notes { font-family: var(--sans); font-size: 0.8rem; color: var(--muted); }

table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 0.4rem; font-family: var(--sans); font-size: 0.78rem; line-height: 1.35; }
caption { caption-side: top; text-align: left; font-size: 0.85rem; padding: 0 0 0.35rem; color: var(--ink); }
caption .label, figcaption .label { font-weight: bold; }
thead th { border-bottom: 1.5px solid var(--ink); text-align: left; vertical-align: bottom; padding: 0.25rem 0.4rem; font-weight: 600; }
tbody td { border-bottom: 1px solid var(--rule); padding: 0.22rem 0.4rem; vertical-align: top; }
tbody tr:nth-child(even) td { background: #fafbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td { overflow-wrap: break-word; }
tbody td:first-child { min-width: 7.5em; }
td code, td .estimate, td .note { overflow-wrap: anywhere; }
td .note, .estimate { color: var(--muted); font-size: 0.92em; }
.estimate { font-style: italic; }
table.values th:nth-child(1) { width: 10%; } table.values th:nth-child(2) { width: 22%; } table.values th:nth-child(3) { width: 13%; } table.values th:nth-child(4) { width: 9%; }
.path { font-family: var(--mono); font-size: 0.92em; }
.range { white-space: nowrap; }
table.jamming td:nth-child(-n+3) { white-space: nowrap; }
.status { display: inline-block; padding: 0 0.35rem; border-radius: 3px; font-size: 0.85em; }
.status-confirmed { background: #dff0e3; } .status-reported { background: #fff0c2; } .status-hypothetical { background: #f4dede; }
.table-note { font-family: var(--sans); font-size: 0.78rem; color: var(--muted); margin-top: 0.2rem; }

figure { margin: 1.4rem 0; text-align: center; }
figure img { display: block; margin: 0 auto; max-width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { text-align: left; font-family: var(--sans); font-size: 0.82rem; line-height: 1.4; margin-top: 0.45rem; }

pre.commands { font-family: var(--mono); font-size: 0.8rem; background: var(--shade); padding: 0.7rem 0.9rem; white-space: pre-wrap; word-break: break-all; border-radius: 3px; }
ol.references { font-size: 0.84rem; padding-left: 2.2rem; }
ol.references li { margin: 0.3rem 0; }
.used-in { color: var(--muted); font-family: var(--sans); font-size: 0.9em; }

@media print {
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section.chapter { break-before: page; }
  h2 { margin-top: 0; }
  h2, h3 { break-after: avoid; }
  figure, tr, .notice, pre { break-inside: avoid; }
  figure img { max-height: 112mm; width: auto; }
  thead { display: table-header-group; }
  table { font-size: 7.6pt; }
  a { color: var(--ink); }
  a.cite { color: var(--accent); }
  nav.toc a::after { content: ''; }
}
`;
