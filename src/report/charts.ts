/**
 * Turns Vega-Lite specifications into static SVG in Node: vega-lite compiles the spec to Vega,
 * vega's View renders it headless (`renderer: "none"`, then `toSVG()`). No browser, no script in
 * the page, no chart drawn by hand: the SVG is Vega's own output, given a text alternative and
 * coordinates rounded to a tenth of a pixel (full double precision tripled the file size for no
 * visible difference).
 */
import * as vega from "vega";
import { Warn, View, logger, parse, type LoggerInterface } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies (yellow kept last: weak on white). */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];
/** The baseline is drawn in grey wherever scenarios share a chart. */
export const BASELINE_COLOUR = "#767676";

/** Colours of the release-accounting steps. */
export const STEP_COLOURS: Record<string, string> = {
  "expected or added": "#0072B2",
  "spare capacity": "#009E73",
  absorbed: "#D55E00",
  unexplained: "#999999",
};

/**
 * A model's name (a segment's, an acuity band's) as a value in a chart's data: a name every
 * JavaScript object inherits (toString, constructor …) gets a zero-width space after it, or the
 * chart library takes it for its own property. Scenario names are refused at validation instead.
 */
export function chartSafe(name: string): string {
  return name in Object.prototype ? `${name}\u200b` : name;
}

const FONT = "Segoe UI, Helvetica Neue, Arial, sans-serif";

/** The look every chart shares: readable sizes for a projector, light grid, no frame. */
const CONFIG = {
  font: FONT,
  background: "#ffffff",
  padding: 8,
  view: { stroke: null },
  title: { fontSize: 15, fontWeight: 600, anchor: "start", color: "#1b1b1b", subtitleFontSize: 12, subtitleColor: "#4a4a4a", offset: 10 },
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, labelColor: "#333333", titleColor: "#1b1b1b", gridColor: "#e6e6e6", domainColor: "#8a8a8a", tickColor: "#8a8a8a", labelLimit: 260 },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, orient: "bottom", direction: "horizontal", labelLimit: 260, symbolStrokeWidth: 2 },
  header: { labelFontSize: 13, labelFontWeight: 600, titleFontSize: 13, labelColor: "#1b1b1b" },
  concat: { spacing: 28 },
  facet: { spacing: 18 },
  line: { strokeWidth: 2 },
  point: { size: 60, filled: true },
} as const;

/**
 * Advance widths of Helvetica (Arial and Liberation Sans share them) for the characters 32–126,
 * in thousandths of the font size, from the font's published metrics. Without a canvas, vega
 * estimates every character at 0.8 of the font size — half as wide again as real text — so it
 * truncated labels that fit ("Realised as spare capaci…") and left gaps around long axis titles.
 * vega lets a renderer supply text widths (`textMetrics.width`; vl-convert does the same).
 */
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
  722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** Width in pixels of `text` as vega draws it for `item` (font size and weight), with 5% to spare for other sans-serif fonts. */
function textWidth(item: { fontSize?: number; fontWeight?: string | number }, text: unknown): number {
  const lines = Array.isArray(text) ? text.map(String) : [text === null || text === undefined ? "" : String(text)];
  const size = typeof item.fontSize === "number" ? item.fontSize : 11;
  const bold = /bold|[6-9]00/.test(String(item.fontWeight ?? ""));
  const em = (line: string): number => [...line].reduce((sum, ch) => sum + (HELVETICA[(ch.codePointAt(0) ?? 0) - 32] ?? 556), 0) / 1000;
  return Math.ceil(Math.max(0, ...lines.map(em)) * size * (bold ? 1.1 : 1.05));
}
// vega exports textMetrics (from vega-scenegraph) but its type declarations do not list it.
(vega as unknown as { textMetrics: { width: typeof textWidth } }).textMetrics.width = textWidth;

/** A colour scale that gives each scenario the same colour in every chart (baseline grey). */
export function scenarioScale(scenarios: readonly string[], baseline: string): { domain: string[]; range: string[] } {
  let next = 0;
  const range = scenarios.map((s) => (s === baseline ? BASELINE_COLOUR : PALETTE[next++ % PALETTE.length]!));
  return { domain: [...scenarios], range };
}

export interface RenderedChart {
  readonly svg: string;
  readonly title: string;
}

/** Renders charts one by one, collecting what vega-lite and vega warn about. */
export class ChartRenderer {
  readonly warnings: string[] = [];
  private readonly log: LoggerInterface;

  constructor() {
    // Warnings (an empty scale domain, a dropped encoding) are kept for the report's notes; they
    // never reach the console, so a run's stderr stays for the run.
    this.log = logger(Warn, undefined, (method, _level, input) => {
      const text = (input as unknown[]).map((x) => (x instanceof Error ? x.message : String(x))).join(" ");
      if (method === "error") throw new Error(`chart: ${text}`);
      this.warnings.push(text);
    });
  }

  /** The SVG of `spec`, titled `title` and described by `description` for screen readers. */
  async render(spec: TopLevelSpec, title: string, description: string): Promise<RenderedChart> {
    const vegaSpec = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec, { logger: this.log }).spec;
    vegaSpec.description = description;
    const view = new View(parse(vegaSpec), { renderer: "none", logger: this.log, logLevel: Warn });
    try {
      const raw = await view.toSVG();
      return { svg: accessible(roundCoordinates(raw), title, description), title };
    } finally {
      view.finalize();
    }
  }
}

const ATTRIBUTES = /\b(d|transform|x|y|x1|x2|y1|y2|width|height|points)="([^"]*)"/g;

/** Numbers inside geometry attributes rounded to one decimal (text content is left alone). */
export function roundCoordinates(svg: string): string {
  return svg.replace(ATTRIBUTES, (_m, name: string, value: string) => `${name}="${value.replace(/-?\d*\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The chart as an image with a name: role="img", an aria-label and a <title> first (what screen
 * readers announce and browsers show on hover); a width that scales down with the page.
 */
function accessible(svg: string, title: string, description: string): string {
  const open = svg.indexOf(">");
  if (!svg.startsWith("<svg") || open < 0) throw new Error("chart: vega returned something other than an SVG document");
  const head = svg
    .slice(0, open)
    .replace(/\s(role|aria-label|aria-roledescription)="[^"]*"/g, "")
    .replace(/\swidth="(\d+(?:\.\d+)?)"/, ' width="$1" style="max-width:100%;height:auto"');
  return `${head} role="img" aria-label="${escapeXml(description)}"><title>${escapeXml(title)}</title>${svg.slice(open + 1)}`;
}
