// A small SVG bar chart drawn by hand (no chart library): stacked series per label, an axis ceiling, hover titles.
import { html } from "htm/preact";
import type { RefObject, VNode } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { niceCeiling } from "./format.ts";

/** One stacked series: a name for the legend, a colour class and one value per label. */
export interface Series {
  name: string;
  /** CSS class that colours the bars (see styles.css). */
  className: string;
  values: readonly number[];
}

/** One bar segment's geometry, in chart units (width 100 per label slot is scaled by viewBox). */
export interface Segment {
  x: number;
  y: number;
  width: number;
  height: number;
  series: number;
  label: number;
}

/** Stacked bar geometry for `labels.length` slots in a `width` × `height` box, and the axis ceiling. */
export function stackedBars(labelCount: number, series: readonly Series[], width: number, height: number): { ceiling: number; segments: Segment[] } {
  const totals = Array.from({ length: labelCount }, (_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const ceiling = niceCeiling(Math.max(0, ...totals));
  const slot = labelCount === 0 ? width : width / labelCount;
  const barWidth = Math.max(1, slot * 0.7);
  const segments: Segment[] = [];
  for (let i = 0; i < labelCount; i++) {
    let top = height;
    series.forEach((s, k) => {
      const h = ((s.values[i] ?? 0) / ceiling) * height;
      if (h <= 0) return;
      top -= h;
      segments.push({ x: i * slot + (slot - barWidth) / 2, y: top, width: barWidth, height: h, series: k, label: i });
    });
  }
  return { ceiling, segments };
}

/** Every how many labels one is written under the axis, so that each gets about 60 px and at most 8 show. */
export function labelStep(count: number, width: number): number {
  const fit = Math.max(1, Math.min(8, Math.floor(width / 60)));
  return Math.max(1, Math.ceil(count / fit));
}

/** Room left of the plot for the axis labels, and above/below it. */
const AXIS = 56;

/** The drawing's width in px: the chart is drawn at its real size, so its text stays readable on narrow windows. */
function usePlotWidth(): [RefObject<HTMLDivElement | null>, number] {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const el = box.current;
    if (el === null || typeof ResizeObserver === "undefined") return;
    const measure = () => setWidth(Math.max(200, Math.round(el.clientWidth) - AXIS));
    measure();
    const watch = new ResizeObserver(measure);
    watch.observe(el);
    return () => watch.disconnect();
  }, []);
  return [box, width];
}

/** A stacked bar chart with a legend; `format` renders values for the axis and the hover titles. */
export function BarChart({ id, title, labels, series, format }: { id: string; title: string; labels: readonly string[]; series: readonly Series[]; format: (n: number) => string }): VNode {
  const [box, W] = usePlotWidth();
  const H = 160;
  const { ceiling, segments } = stackedBars(labels.length, series, W, H);
  const every = labelStep(labels.length, W);
  return html`<figure class="chart" id=${id}>
    <figcaption>${title}</figcaption>
    <div ref=${box}><svg viewBox=${`-48 -8 ${W + AXIS} ${H + 28}`} role="img" aria-label=${title}>
      <line class="axis" x1="0" y1=${H} x2=${W} y2=${H} />
      <line class="grid" x1="0" y1="0" x2=${W} y2="0" />
      <text class="tick" x="-6" y="4" text-anchor="end">${format(ceiling)}</text>
      <text class="tick" x="-6" y=${H} text-anchor="end">0</text>
      ${segments.map(
        (s) => html`<rect class=${series[s.series]?.className ?? ""} x=${s.x} y=${s.y} width=${s.width} height=${s.height}>
          <title>${labels[s.label]}: ${series[s.series]?.name} ${format(series[s.series]?.values[s.label] ?? 0)}</title>
        </rect>`,
      )}
      ${labels.map((l, i) => (i % every === 0 ? html`<text class="tick" x=${(i + 0.5) * (W / Math.max(1, labels.length))} y=${H + 16} text-anchor="middle">${l}</text>` : null))}
    </svg></div>
    <ul class="legend">${series.map((s) => html`<li><span class=${`swatch ${s.className}`}></span>${s.name}</li>`)}</ul>
  </figure>`;
}
