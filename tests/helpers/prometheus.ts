// A strict parser of the Prometheus text exposition format (0.0.4), for checking /metrics output in tests.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: string;
  help: string | undefined;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

function fail(line: number, message: string): never {
  throw new Error(`metrics line ${line}: ${message}`);
}

function parseValue(text: string, line: number): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text === "NaN") return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) fail(line, `bad value "${text}"`);
  return Number(text);
}

/** Parses `{a="x",b="y"}` starting at `text[0] === "{"`; returns the labels and the rest after `}`. */
function parseLabels(text: string, line: number): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1;
  while (text[i] !== "}") {
    const eq = text.indexOf("=", i);
    if (eq === -1) fail(line, "label without =");
    const name = text.slice(i, eq);
    if (!LABEL.test(name)) fail(line, `bad label name "${name}"`);
    if (name in labels) fail(line, `duplicate label "${name}"`);
    if (text[eq + 1] !== '"') fail(line, "label value not quoted");
    let value = "";
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] !== "\\") {
        value += text[j];
        continue;
      }
      const next = text[++j];
      if (next === "n") value += "\n";
      else if (next === "\\" || next === '"') value += next;
      else fail(line, `bad escape \\${next ?? ""}`);
    }
    if (j >= text.length) fail(line, "unterminated label value");
    labels[name] = value;
    i = j + 1;
    if (text[i] === ",") i++;
    else if (text[i] !== "}") fail(line, "expected , or } after a label");
  }
  return { labels, rest: text.slice(i + 1) };
}

function familyOf(sample: string, families: Map<string, MetricFamily>): MetricFamily | undefined {
  const direct = families.get(sample);
  if (direct) return direct;
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    if (!sample.endsWith(suffix)) continue;
    const f = families.get(sample.slice(0, -suffix.length));
    if (f && (f.type === "histogram" || f.type === "summary")) return f;
  }
  return undefined;
}

function checkHistograms(families: Map<string, MetricFamily>): void {
  for (const f of families.values()) {
    if (f.type !== "histogram") continue;
    const series = new Map<string, { buckets: [number, number][]; count?: number }>();
    for (const s of f.samples) {
      const { le, ...rest } = s.labels;
      const key = JSON.stringify(rest);
      const entry = series.get(key) ?? { buckets: [] };
      series.set(key, entry);
      if (s.name.endsWith("_bucket")) {
        if (le === undefined) throw new Error(`${s.name}: bucket without le`);
        entry.buckets.push([parseValue(le, 0), s.value]);
      } else if (s.name.endsWith("_count")) entry.count = s.value;
    }
    for (const [key, e] of series) {
      const last = e.buckets.at(-1);
      if (!last || last[0] !== Infinity) throw new Error(`${f.name}${key}: no +Inf bucket last`);
      e.buckets.forEach(([le, n], i) => {
        const prev = e.buckets[i - 1];
        if (prev && (prev[0] >= le || prev[1] > n)) throw new Error(`${f.name}${key}: buckets not increasing`);
      });
      if (e.count !== last[1]) throw new Error(`${f.name}${key}: _count ${e.count} differs from the +Inf bucket ${last[1]}`);
    }
  }
}

/** Parses exposition text; throws on anything the format does not allow (untyped samples included). */
export function parsePrometheus(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const seen = new Set<string>();
  let current: MetricFamily | undefined;
  if (!text.endsWith("\n")) fail(0, "the text must end with a newline");
  text.split("\n").slice(0, -1).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    if (raw.startsWith("#")) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!m) return;
      const [, kind, name = "", rest = ""] = m;
      if (!NAME.test(name)) fail(line, `bad metric name "${name}"`);
      let f = families.get(name);
      if (kind === "TYPE") {
        if (!TYPES.has(rest)) fail(line, `bad type "${rest}"`);
        if (f?.type !== undefined && f.type !== "") fail(line, `second TYPE for ${name}`);
        if (f && f.samples.length > 0) fail(line, `TYPE after samples of ${name}`);
      }
      if (!f) families.set(name, (f = { name, type: "", help: undefined, samples: [] }));
      if (kind === "TYPE") f.type = rest;
      else f.help = rest;
      current = f;
      return;
    }
    const nameEnd = raw.search(/[{ ]/);
    if (nameEnd <= 0) fail(line, "sample without a value");
    const name = raw.slice(0, nameEnd);
    if (!NAME.test(name)) fail(line, `bad metric name "${name}"`);
    const { labels, rest } = raw[nameEnd] === "{" ? parseLabels(raw.slice(nameEnd), line) : { labels: {}, rest: raw.slice(nameEnd) };
    const parts = rest.trim().split(" ");
    if (!rest.startsWith(" ") || parts.length < 1 || parts.length > 2) fail(line, "expected one value and an optional timestamp");
    const f = familyOf(name, families);
    if (!f || f.type === "") fail(line, `sample ${name} without a TYPE line`);
    if (f !== current) fail(line, `samples of ${f.name} are not together`);
    const id = `${name}${JSON.stringify(labels)}`;
    if (seen.has(id)) fail(line, `duplicate series ${id}`);
    seen.add(id);
    f.samples.push({ name, labels, value: parseValue(parts[0] ?? "", line) });
  });
  checkHistograms(families);
  return families;
}

/** The value of the one sample named `name` whose labels include `labels`; undefined when none, throws when several. */
export function sampleValue(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  const all = [...families.values()].flatMap((f) => f.samples);
  const hits = all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (hits.length > 1) throw new Error(`${hits.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return hits[0]?.value;
}
