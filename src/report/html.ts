/**
 * The page around the charts: escaping, number formats, tables, Markdown, and the one
 * self-contained HTML document (inline CSS, no script, no external request).
 */
import { Marked, type Tokens } from "marked";
import { isNumericColumn, num, type Table } from "./folder.js";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A number as a planner reads it: thousands separated, about three significant figures below 100. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const abs = Math.abs(x);
  const digits = abs >= 100 || abs === 0 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(abs)));
  const text = x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return text === "-0" ? "0" : text.replace(/^-/, "−");
}

/** "12.3 (95% CI 10.1 to 14.5)"; the bare mean when there is no interval. */
export function withCi(mean: number | null, low: number | null, high: number | null): string {
  return low === null || high === null ? fmt(mean) : `${fmt(mean)} (95% CI ${fmt(low)} to ${fmt(high)})`;
}

export type Cell = string | number | null;

export interface TableOptions {
  /** Caption above the table (what it shows). */
  readonly caption?: string;
  /** Columns whose cells are numbers, right-aligned (by index). */
  readonly numeric?: readonly number[];
  /** Wrap in a closed <details> with this summary text. */
  readonly collapsed?: string;
}

/** An HTML table; numbers are formatted with `fmt`, text escaped. */
export function table(header: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  const numeric = new Set(options.numeric ?? []);
  const cell = (v: Cell, i: number, tag: "td" | "th"): string => {
    const text = typeof v === "number" ? fmt(v) : v === null ? "–" : escapeHtml(v);
    return `<${tag}${numeric.has(i) ? ' class="num"' : ""}>${text}</${tag}>`;
  };
  const caption = options.caption === undefined ? "" : `<caption>${escapeHtml(options.caption)}</caption>`;
  const head = `<thead><tr>${header.map((h, i) => cell(h, i, "th")).join("")}</tr></thead>`;
  const body = `<tbody>${rows.map((r) => `<tr>${r.map((v, i) => cell(v, i, "td")).join("")}</tr>`).join("\n")}</tbody>`;
  const html = `<div class="table-wrap"><table>${caption}${head}${body}</table></div>`;
  return options.collapsed === undefined ? html : `<details><summary>${escapeHtml(options.collapsed)}</summary>${html}</details>`;
}

/** A CSV file as a table, numbers formatted; at most `maxRows` rows, saying how many were left out. */
export function csvTable(t: Table, options: TableOptions & { readonly maxRows?: number } = {}): string {
  const numeric = t.columns.map((c, i) => (isNumericColumn(t, c) ? i : -1)).filter((i) => i >= 0);
  const limit = options.maxRows ?? Infinity;
  const rows = t.rows.slice(0, limit).map((r) => t.columns.map((c, i) => (numeric.includes(i) ? num(r[c]) : (r[c] ?? ""))));
  const more = t.rows.length > limit ? `<p class="lead">First ${limit} of ${t.rows.length} rows; the rest are in ${escapeHtml(t.file)}.</p>` : "";
  return table(t.columns, rows, { ...options, numeric }) + more;
}

/** Tables longer than this in a Markdown file are folded away (the parameter list, for one). */
const LONG_TABLE_ROWS = 25;

/**
 * Markdown to HTML. Raw HTML in the text is shown as text, never interpreted: model files are
 * written by users and their descriptions reach stress.md. Long tables are folded.
 */
export function markdown(text: string): string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(token.text);
      },
      table(token: Tokens.Table): string | false {
        if (token.rows.length <= LONG_TABLE_ROWS) return false;
        const inner = this.parser.parseInline.bind(this.parser);
        const header = `<tr>${token.header.map((c) => `<th>${inner(c.tokens)}</th>`).join("")}</tr>`;
        const body = token.rows.map((r) => `<tr>${r.map((c) => `<td>${inner(c.tokens)}</td>`).join("")}</tr>`).join("\n");
        return `<details><summary>Show all ${token.rows.length} rows</summary><div class="table-wrap"><table><thead>${header}</thead><tbody>${body}</tbody></table></div></details>`;
      },
    },
  });
  return marked.parse(text) as string;
}

export interface Figure {
  readonly chart: { readonly svg: string; readonly title: string };
  /** The chart in words: what it shows and its main numbers (also its text alternative). */
  readonly summary: string;
  /** The chart's data as a table (HTML from `table`). */
  readonly data: string;
}

/** A chart with its text summary and data table beside it. */
export function figure(f: Figure): string {
  return `<figure class="chart"><div class="plot">${f.chart.svg}</div><figcaption><p>${escapeHtml(f.summary)}</p>${f.data}</figcaption></figure>`;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
}

export interface Page {
  readonly title: string;
  readonly subtitle: string;
  /** Shown in a banner at the top when the results are incomplete. */
  readonly partialReasons: readonly string[];
  readonly notes: readonly string[];
  /** Why the answers should be read with care (warnings.csv), in a banner at the top. */
  readonly warnings: readonly string[];
  readonly sections: readonly Section[];
  readonly footer: string;
}

export function page(p: Page): string {
  const toc = p.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join("");
  const partial =
    p.partialReasons.length === 0
      ? ""
      : `<div class="banner partial" role="alert"><strong>Partial results.</strong> ${p.partialReasons.map(escapeHtml).join("; ")}. Figures cover what was completed; treat them as provisional.</div>`;
  const warnings =
    p.warnings.length === 0
      ? ""
      : `<div class="banner warn" role="alert"><strong>Read with care.</strong> ${p.warnings.length === 1 ? "One answer here is" : "Some answers here are"} not to be taken at face value:<ul>${p.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul></div>`;
  const notes = p.notes.length === 0 ? "" : `<div class="banner note"><strong>Notes.</strong><ul>${p.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul></div>`;
  const sections = p.sections.map((s) => `<section id="${s.id}" aria-labelledby="${s.id}-h"><h2 id="${s.id}-h">${escapeHtml(s.title)}</h2>${s.html}</section>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top"><div class="wrap"><p class="kicker">pathflow simulation report</p><h1>${escapeHtml(p.title)}</h1><p class="sub">${escapeHtml(p.subtitle)}</p></div></header>
<main class="wrap">
${partial}${warnings}${notes}
<nav aria-label="Contents"><h2 class="toc-h">Contents</h2><ol>${toc}</ol></nav>
${sections}
</main>
<footer class="wrap">${p.footer}</footer>
</body>
</html>
`;
}

const CSS = `
:root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#d9dde3;--band:#f4f6f9;--accent:#005eb8;--warn:#8a3b00;--warnbg:#fff4e5}
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI","Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#eef1f5;line-height:1.45;font-size:15px}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
header.top{background:#003087;color:#fff;padding:22px 0 18px}
header.top h1{margin:2px 0 6px;font-size:28px;font-weight:650}
header.top .kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;opacity:.85}
header.top .sub{margin:0;font-size:15px;opacity:.95}
main.wrap{padding-top:18px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:18px 24px 10px;margin:0 0 18px}
h2{font-size:21px;margin:0 0 8px;color:#003087}
h3{font-size:17px;margin:18px 0 6px}
h4{font-size:15px;margin:14px 0 4px}
p.lead{color:var(--muted);margin:0 0 12px;max-width:900px}
nav{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 24px;margin:0 0 18px}
nav .toc-h{font-size:14px;margin:4px 0;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
nav ol{margin:0;padding-left:20px;columns:2;column-gap:40px}
nav a{color:var(--accent)}
.banner{border-radius:6px;padding:12px 18px;margin:0 0 18px;border:1px solid}
.banner.partial{background:var(--warnbg);border-color:#e0a060;color:var(--warn);font-size:16px}
.banner.warn{background:var(--warnbg);border-color:#e0a060;color:var(--warn)}
.banner.note{background:#f5f8ff;border-color:#b8c7e6}
.banner ul{margin:4px 0 0;padding-left:20px}
figure.chart{margin:10px 0 22px;padding:0 0 14px;border-bottom:1px solid var(--line)}
figure.chart:last-child{border-bottom:none}
.plot{overflow-x:auto}
.plot svg{display:block}
figcaption p{margin:6px 0;color:var(--muted);max-width:1000px}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:13px;margin:6px 0 10px;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0;color:var(--muted)}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:var(--band);font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
tbody tr:nth-child(even){background:#fafbfc}
details{margin:6px 0 10px}
summary{cursor:pointer;color:var(--accent);font-weight:600}
code,pre{font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:13px}
pre{background:var(--band);border:1px solid var(--line);padding:10px 14px;border-radius:4px;white-space:pre-wrap;word-break:break-all}
.md table{font-size:13px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:6px 0 12px}
dl.facts dt{font-weight:600;color:var(--muted)}
dl.facts dd{margin:0}
footer{color:var(--muted);font-size:13px;padding:8px 24px 30px}
@media print{body{background:#fff}section,nav{border:none;break-inside:avoid-page}details{display:block}header.top{background:#fff;color:#000}}
`;
