// A small flag parser: `--port 3456`, `--port=3456`, `-p 3456`, booleans, `--` ends the flags.
import { didYouMean } from "./closest.ts";
import { UsageError } from "./usage-error.ts";

/** How a flag's value is read: `boolean` takes none, `port` is an integer 0–65535. */
export type FlagType = "boolean" | "string" | "port";

/** One flag a command accepts; the same list drives parsing and `--help`. */
export interface FlagSpec {
  name: string;
  type: FlagType;
  /** One-letter alias, without the dash. */
  short?: string;
  /** Shown in help after the flag, e.g. `N` in `--port N`. */
  placeholder?: string;
  description: string;
}

type FlagValue<T extends FlagType> = T extends "boolean" ? boolean : T extends "port" ? number : string;

/** The parsed values of a spec list; absent flags are undefined. */
export type ParsedFlags<S extends readonly FlagSpec[]> = {
  [F in S[number] as F["name"]]?: FlagValue<F["type"]>;
};

export interface ParseResult<S extends readonly FlagSpec[]> {
  flags: ParsedFlags<S>;
  positionals: string[];
}

/** Parses `args` against `specs`; throws UsageError naming the flag and, for a typo, the nearest known one. */
export function parseFlags<const S extends readonly FlagSpec[]>(args: readonly string[], specs: S): ParseResult<S> {
  const values: Record<string, boolean | number | string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const written = eq === -1 ? arg : arg.slice(0, eq);
    const spec = findSpec(written, specs);
    if (spec === undefined) {
      const suggestion = didYouMean(written, flagNames(specs));
      throw new UsageError(`unknown flag "${written}"${suggestion}`, { seeHelp: suggestion === "" });
    }
    const flag = `--${spec.name}`;
    if (spec.type === "boolean") {
      if (eq !== -1) throw new UsageError(`${flag}: takes no value, got "${arg.slice(eq + 1)}"`);
      values[spec.name] = true;
      continue;
    }
    let raw: string;
    if (eq !== -1) raw = arg.slice(eq + 1);
    else {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag}: expected a value`);
      raw = next;
      i++;
    }
    values[spec.name] = spec.type === "port" ? parsePort(flag, raw) : raw;
  }
  // The loop only stores values under spec names with the spec's value type, which is what ParsedFlags<S> describes.
  return { flags: values as ParsedFlags<S>, positionals };
}

/** An integer from 0 to 65535 written in decimal digits; 0 asks the OS for a free port. */
export function parsePort(flag: string, raw: string): number {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`${flag}: expected an integer from 0 to 65535, got "${raw}"`);
  return port;
}

/** Rejects leftover positional arguments for commands that take none. */
export function expectNoPositionals(positionals: readonly string[]): void {
  const first = positionals[0];
  if (first !== undefined) throw new UsageError(`unexpected argument "${first}"`, { seeHelp: true });
}

function findSpec(written: string, specs: readonly FlagSpec[]): FlagSpec | undefined {
  if (written.startsWith("--")) return specs.find((s) => s.name === written.slice(2));
  if (written.length === 2) return specs.find((s) => s.short === written.slice(1));
  return undefined;
}

/** Every spelling a user could have meant, including `--help` which runCli handles for every command. */
function flagNames(specs: readonly FlagSpec[]): string[] {
  const names = specs.flatMap((s) => (s.short === undefined ? [`--${s.name}`] : [`--${s.name}`, `-${s.short}`]));
  return [...names, "--help"];
}
