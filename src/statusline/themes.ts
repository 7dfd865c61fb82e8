// The status line's data: themes, built-in modules and colour names (CCR v1 names plus hex), no logic beyond lookups.

/** `default` colours text on the terminal background, `powerline` draws coloured segments, `plain` has no escapes. */
export type ThemeName = "default" | "powerline" | "plain";

export const THEME_NAMES: readonly ThemeName[] = ["default", "powerline", "plain"];

/** Built-in module types: ours plus CCR's (`usage` is CCR's name for `tokens`). */
export type ModuleType = "model" | "tokens" | "context" | "cost" | "speed" | "workDir" | "gitBranch" | "duration" | "lines" | "session";

/** How one module looks: a `{{variable}}` template, an optional icon and colours (names, `#rrggbb`, `bg_` prefix allowed). */
export interface ModuleLook {
  text: string;
  icon: string;
  color?: string;
  background?: string;
}

/** The default text of each built-in module. */
export const MODULE_TEXT: Readonly<Record<ModuleType, string>> = {
  model: "{{model}}",
  tokens: "↑ {{inputTokens}} ↓ {{outputTokens}}",
  context: "{{contextPercent}}% of {{contextWindowSize}}",
  cost: "{{cost}}",
  speed: "{{tokenSpeed}} tok/s",
  workDir: "{{workDirName}}",
  gitBranch: "{{gitBranch}}",
  duration: "{{duration}}",
  lines: "+{{linesAdded}} -{{linesRemoved}}",
  session: "{{sessionId}}",
};

/** Other names accepted in `modules` lists. */
export const MODULE_ALIASES: Readonly<Record<string, ModuleType>> = { usage: "tokens", tokenSpeed: "speed", workdir: "workDir", branch: "gitBranch" };

/** What `ccr statusline` shows when the config names no modules. */
export const DEFAULT_MODULES: readonly ModuleType[] = ["model", "tokens", "context", "cost", "speed"];

/** Text colour of each module in the `default` theme; `context` is coloured by how full the window is instead. */
export const DEFAULT_COLORS: Readonly<Record<ModuleType, string>> = {
  model: "bright_cyan",
  tokens: "bright_green",
  context: "bright_green",
  cost: "bright_yellow",
  speed: "bright_magenta",
  workDir: "bright_blue",
  gitBranch: "magenta",
  duration: "white",
  lines: "white",
  session: "gray",
};

/** Segment background of each module in the `powerline` theme (text is white). */
export const POWERLINE_BACKGROUNDS: Readonly<Record<ModuleType, string>> = {
  model: "blue",
  tokens: "cyan",
  context: "green",
  cost: "bright_purple",
  speed: "magenta",
  workDir: "bright_blue",
  gitBranch: "bright_orange",
  duration: "gray",
  lines: "gray",
  session: "gray",
};

/** Context colour thresholds (percent of the window): at or above `warn` yellow, at or above `danger` red. */
export const CONTEXT_LEVELS = { warn: 60, danger: 85 } as const;

/** Colour names → SGR foreground code (background = code + 10); CCR v1's names. */
export const NAMED_COLORS: Readonly<Record<string, number>> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
  grey: 90,
  bright_black: 90,
  bright_red: 91,
  bright_green: 92,
  bright_yellow: 93,
  bright_blue: 94,
  bright_magenta: 95,
  bright_cyan: 96,
  bright_white: 97,
};

/** Colour names CCR's powerline theme took from the 256-colour table. */
export const PALETTE_256: Readonly<Record<string, number>> = { bright_orange: 202, bright_purple: 129, orange: 208, purple: 93 };

/** Separators: between segments of `default` and `plain`, and powerline's arrow (Nerd/Powerline font glyph U+E0B0). */
export const SEPARATORS = { default: " ", plain: " | ", powerline: "\ue0b0" } as const;
