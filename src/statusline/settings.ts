// Reads config.json's `StatusLine` (CCR v1 shape or ours) into a theme and a module list; bad parts fall back, never throw.
import { DEFAULT_MODULES, MODULE_ALIASES, MODULE_TEXT, THEME_NAMES, type ModuleLook, type ModuleType, type ThemeName } from "./themes.ts";

/** One module to draw: a built-in type (for default colours) or a custom text. */
export interface ModuleSpec extends ModuleLook {
  type: ModuleType | "text";
}

export interface StatusLineSettings {
  theme: ThemeName;
  modules: ModuleSpec[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const optionalText = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** A built-in module name (or alias), case-sensitive like CCR's `type`. */
export function moduleType(name: string): ModuleType | undefined {
  if (Object.hasOwn(MODULE_TEXT, name)) return name as ModuleType; // checked against MODULE_TEXT's keys just above
  return Object.hasOwn(MODULE_ALIASES, name) ? MODULE_ALIASES[name] : undefined;
}

/** `"cost"` or CCR's `{type, text?, icon?, color?, background?}`; `script` modules and unknown names are dropped. */
function moduleSpec(entry: unknown): ModuleSpec | undefined {
  if (typeof entry === "string") {
    const type = moduleType(entry);
    return type === undefined ? undefined : { type, text: MODULE_TEXT[type], icon: "" };
  }
  if (!isRecord(entry) || typeof entry.type !== "string") return undefined;
  const type = moduleType(entry.type);
  const text = optionalText(entry.text) ?? (type === undefined ? undefined : MODULE_TEXT[type]);
  if (text === undefined || entry.type === "script") return undefined;
  return {
    type: type ?? "text",
    text,
    icon: optionalText(entry.icon) ?? "",
    color: optionalText(entry.color),
    background: optionalText(entry.background),
  };
}

function moduleList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  return isRecord(value) && Array.isArray(value.modules) ? value.modules : undefined;
}

/**
 * Theme: `currentStyle` (CCR) or `theme`; modules: `StatusLine[<theme>].modules` (CCR), else `StatusLine.modules`,
 * else the `default` style's modules (so `plain` reuses them), else the built-in list.
 */
export function statusLineSettings(raw: unknown, override?: { theme?: string }): StatusLineSettings {
  const config = isRecord(raw) ? raw : {};
  const wanted = override?.theme ?? optionalText(config.currentStyle) ?? optionalText(config.theme);
  const theme = THEME_NAMES.find((name) => name === wanted) ?? "default";
  const entries = moduleList(config[theme]) ?? moduleList(config.modules) ?? moduleList(config.default);
  const modules = entries === undefined ? [] : entries.flatMap((entry) => moduleSpec(entry) ?? []);
  if (entries === undefined) modules.push(...DEFAULT_MODULES.map((type) => ({ type, text: MODULE_TEXT[type], icon: "" })));
  return { theme, modules };
}
