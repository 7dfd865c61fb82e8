// Status data → one line of text, coloured per theme with ANSI SGR escapes (`plain` has none).
import type { ModuleSpec, StatusLineSettings } from "./settings.ts";
import type { StatusData } from "./status-data.ts";
import { CONTEXT_LEVELS, DEFAULT_COLORS, NAMED_COLORS, PALETTE_256, POWERLINE_BACKGROUNDS, SEPARATORS } from "./themes.ts";

const RESET = "\x1b[0m";

/** `12.3k`, `200k`, `1.2M`, or the integer itself below 1000. */
export function formatTokens(n: number): string {
  const short = (value: number, unit: string) => `${value.toFixed(1).replace(/\.0$/, "")}${unit}`;
  if (n >= 999_950) return short(n / 1_000_000, "M");
  if (n >= 1000) return short(n / 1000, "k");
  return String(Math.round(n));
}

/** `$1.23`, `$0.042`, `$0.0031`: enough digits to see small sessions move. */
export function formatCost(usd: number): string {
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  return usd >= 0.01 || usd === 0 ? `$${usd.toFixed(3)}` : `$${usd.toFixed(4)}`;
}

function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h${minutes % 60}m` : `${minutes}m${Math.floor((ms % 60_000) / 1000)}s`;
}

const show = <T>(value: T | undefined, format: (v: T) => string): string => (value === undefined ? "" : format(value));

/** The `{{name}}` variables (CCR v1 names); unknown values are empty strings. */
export function statusVariables(data: StatusData): Record<string, string> {
  return {
    model: data.model ?? "",
    inputTokens: show(data.inputTokens, formatTokens),
    outputTokens: show(data.outputTokens, formatTokens),
    contextPercent: show(data.contextPercent, (p) => String(Math.round(p))),
    contextWindowSize: show(data.contextWindow, formatTokens),
    cost: show(data.cost, formatCost),
    tokenSpeed: show(data.tokensPerSecond, (n) => String(Math.round(n))),
    workDirName: data.workDirName ?? "",
    gitBranch: data.gitBranch ?? "",
    sessionId: show(data.sessionId, (id) => id.slice(0, 8)),
    version: data.version ?? "",
    duration: show(data.durationMs, formatDuration),
    linesAdded: show(data.linesAdded, String),
    linesRemoved: show(data.linesRemoved, String),
  };
}

const VARIABLE = /\{\{\s*(\w+)\s*\}\}/g;

/** Fills a template; empty when it names variables and every one of them is unknown (so the module is skipped). */
export function fillTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  let used = 0;
  let filled = 0;
  const text = template.replace(VARIABLE, (_, name: string) => {
    used++;
    const value = Object.hasOwn(vars, name) ? (vars[name] ?? "") : "";
    if (value !== "") filled++;
    return value;
  });
  // Control characters (from model names in the log, say) must never reach the terminal as escapes.
  const clean = text.replace(/[\x00-\x1f\x7f]/g, "").trim();
  return used > 0 && filled === 0 ? "" : clean;
}

/** SGR parameters for a colour: a name, `bg_<name>`, `#rrggbb` or `bg_#rrggbb`; undefined when not understood. */
export function colorCode(spec: string | undefined, layer: "fg" | "bg"): string | undefined {
  if (spec === undefined) return undefined;
  const name = spec.startsWith("bg_") ? spec.slice(3) : spec;
  const hex = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(name);
  if (hex && name.startsWith("#")) return `${layer === "fg" ? 38 : 48};2;${hex.slice(1).map((h) => parseInt(h, 16)).join(";")}`;
  const basic = NAMED_COLORS[name];
  if (basic !== undefined) return String(layer === "fg" ? basic : basic + 10);
  const extended = PALETTE_256[name];
  return extended === undefined ? undefined : `${layer === "fg" ? 38 : 48};5;${extended}`;
}

function sgr(...codes: (string | undefined)[]): string {
  const known = codes.filter((c) => c !== undefined);
  return known.length === 0 ? "" : `\x1b[${known.join(";")}m`;
}

interface Segment {
  text: string;
  spec: ModuleSpec;
}

/** Green, yellow or red by how full the window is; `bright_` variants for text, plain ones for powerline backgrounds. */
function contextColor(percent: number | undefined, prefix: "bright_" | ""): string {
  if (percent !== undefined && percent >= CONTEXT_LEVELS.danger) return `${prefix}red`;
  return `${prefix}${percent !== undefined && percent >= CONTEXT_LEVELS.warn ? "yellow" : "green"}`;
}

function builtInColor(spec: ModuleSpec, data: StatusData, theme: "default" | "powerline"): string | undefined {
  if (spec.type === "text") return theme === "default" ? undefined : "gray";
  if (spec.type === "context") return contextColor(data.contextPercent, theme === "default" ? "bright_" : "");
  return theme === "default" ? DEFAULT_COLORS[spec.type] : POWERLINE_BACKGROUNDS[spec.type];
}

function renderDefault(segments: readonly Segment[], data: StatusData): string {
  return segments
    .map(({ text, spec }) => {
      const start = sgr(colorCode(spec.color ?? builtInColor(spec, data, "default"), "fg"), colorCode(spec.background, "bg"));
      return start === "" ? text : `${start}${text}${RESET}`;
    })
    .join(SEPARATORS.default);
}

function renderPowerline(segments: readonly Segment[], data: StatusData): string {
  const backgrounds = segments.map(({ spec }) => spec.background ?? builtInColor(spec, data, "powerline"));
  return segments
    .map(({ text, spec }, i) => {
      const bg = backgrounds[i];
      const body = `${sgr(colorCode(spec.color ?? "white", "fg"), colorCode(bg, "bg"))} ${text} `;
      const next = backgrounds[i + 1];
      const arrow = `${sgr(colorCode(bg, "fg"), next === undefined ? "49" : colorCode(next, "bg"))}${SEPARATORS.powerline}`;
      return `${body}${RESET}${arrow}${RESET}`;
    })
    .join("");
}

/** The status line for `data` with the configured theme and modules (no trailing newline). */
export function renderStatusLine(data: StatusData, settings: StatusLineSettings): string {
  const vars = statusVariables(data);
  const segments = settings.modules.flatMap((spec) => {
    const text = fillTemplate(spec.text, vars);
    if (text === "") return [];
    return [{ text: spec.icon === "" ? text : `${spec.icon} ${text}`, spec }];
  });
  if (settings.theme === "plain") return segments.map((s) => s.text).join(SEPARATORS.plain);
  return settings.theme === "powerline" ? renderPowerline(segments, data) : renderDefault(segments, data);
}

/** The line printed when anything goes wrong: short, plain, and never an error for Claude Code. */
export function fallbackLine(model?: string): string {
  const clean = model?.replace(/[\x00-\x1f\x7f]/g, "");
  return clean ? `ccr · ${clean}` : "ccr";
}
