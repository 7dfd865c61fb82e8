// The environment that points Claude Code at ccr, and its rendering as shell code for `eval "$(ccr activate)"`.
import type { CompiledConfig } from "../config/compiled.ts";
import type { Env } from "../config/paths.ts";

/** The shells `ccr activate` can write for. */
export const shells = ["bash", "zsh", "fish", "powershell"] as const;

export type Shell = (typeof shells)[number];

/** ANTHROPIC_AUTH_TOKEN when the server needs no key: Claude Code wants some token, ccr ignores it. */
export const PLACEHOLDER_TOKEN = "ccr-local";

const LOOPBACK = "127.0.0.1";
const WILDCARDS = new Set(["", "0.0.0.0", "::", "[::]"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The address clients reach ccr at: the server only leaves loopback for a concrete HOST when APIKEY is set. */
export function clientHost(config: Pick<CompiledConfig, "host" | "apiKey">): string {
  const host = config.host.trim();
  if (!config.apiKey || WILDCARDS.has(host)) return LOOPBACK;
  // A bare IPv6 address needs brackets inside a URL.
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** NO_PROXY as found, plus the hosts that must reach ccr directly; order kept, duplicates dropped. */
export function mergeNoProxy(existing: string | undefined, hosts: readonly string[]): string {
  const entries = (existing ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const entry of [...entries, ...hosts]) {
    const key = entry.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(entry);
  }
  return merged.join(",");
}

/** The variables that make Claude Code talk to ccr; APIKEY appears only as ANTHROPIC_AUTH_TOKEN. */
export function claudeEnv(
  config: Pick<CompiledConfig, "host" | "port" | "apiKey" | "timeoutMs">,
  env: Env,
): [string, string][] {
  const host = clientHost(config);
  const direct = host === LOOPBACK ? [LOOPBACK, "localhost"] : [LOOPBACK, "localhost", host.replace(/^\[|\]$/g, "")];
  return [
    ["ANTHROPIC_BASE_URL", `http://${host}:${config.port}`],
    ["ANTHROPIC_AUTH_TOKEN", config.apiKey || PLACEHOLDER_TOKEN],
    // Empty, so a real Anthropic key in the environment does not take precedence over the token.
    ["ANTHROPIC_API_KEY", ""],
    ["API_TIMEOUT_MS", String(config.timeoutMs)],
    ["NO_PROXY", mergeNoProxy(env.NO_PROXY ?? env.no_proxy, direct)],
    ["DISABLE_TELEMETRY", "1"],
    ["DISABLE_COST_WARNINGS", "1"],
  ];
}

/** Shell code setting each variable, one line each, safe for any value. */
export function renderEnv(vars: readonly (readonly [string, string])[], shell: Shell): string {
  return vars.map(([name, value]) => `${assignment(checkedName(name), value, shell)}\n`).join("");
}

function assignment(name: string, value: string, shell: Shell): string {
  switch (shell) {
    case "bash":
    case "zsh":
      return `export ${name}='${value.replaceAll("'", "'\\''")}'`;
    case "fish":
      return `set -gx ${name} '${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}';`;
    case "powershell":
      // PowerShell also ends a single-quoted string at the typographic quotes, so those are doubled too.
      return `$env:${name} = '${value.replace(/['\u2018\u2019\u201A\u201B]/g, "$&$&")}'`;
  }
}

function checkedName(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a valid environment variable name: ${JSON.stringify(name)}`);
  return name;
}

/** The shell to write for: SHELL's name when known, else PowerShell on Windows, else POSIX syntax. */
export function detectShell(env: Env): Shell {
  const base = (env.SHELL ?? "").split(/[\\/]/).pop()?.toLowerCase().replace(/\.exe$/, "") ?? "";
  if (base === "bash" || base === "zsh" || base === "fish") return base;
  if (base === "pwsh" || base === "powershell") return "powershell";
  if (env.OS === "Windows_NT" || (base === "" && env.PSModulePath !== undefined)) return "powershell";
  return "bash";
}

/** Narrows a `--shell` value; undefined when it names no supported shell. */
export function parseShell(text: string): Shell | undefined {
  return shells.find((shell) => shell === text.toLowerCase());
}
