// A stand-in `claude` for `ccr code` tests: a small sh script that records how it was run and exits as told.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface StubClaude {
  /** The directory holding the `claude` script (put it on PATH or point CLAUDE_PATH at `<bin>/claude`). */
  bin: string;
  /** Where the records go: `argv` (NUL-separated), `env` (`env -0`), `settings.json` + `mode`, `pid`, `ready`, `signals`. */
  out: string;
}

/**
 * Writes the stub. It records argv, env, a copy of the `--settings` file and its mode, then exits with $STUB_EXIT
 * (default 0). With STUB_WAIT set it waits (≤ 30 s) for SIGINT (exit 5) or SIGTERM (exit 6), noting the signal.
 * Each run writes into `$STUB_OUT` when set (one directory per concurrent session), else into `out`.
 */
export function stubClaude(): StubClaude {
  const bin = mkdtempSync(join(tmpdir(), "ccr-stub-claude-"));
  const out = join(bin, "out");
  const script = [
    "#!/bin/sh",
    `out="\${STUB_OUT:-${out}}"`,
    'mkdir -p "$out"',
    ': > "$out/argv"',
    'for a in "$@"; do printf \'%s\\0\' "$a" >> "$out/argv"; done',
    'env -0 > "$out/env"',
    'if [ "$1" = "--settings" ]; then cp "$2" "$out/settings.json"; stat -c %a "$2" > "$out/mode"; fi',
    'if [ -n "$STUB_WAIT" ]; then',
    '  trap \'echo INT >> "$out/signals"; exit 5\' INT',
    '  trap \'echo TERM >> "$out/signals"; exit 6\' TERM',
    '  echo $$ > "$out/pid"; : > "$out/ready"',
    "  i=0; while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done",
    "fi",
    'exit "${STUB_EXIT:-0}"',
  ].join("\n");
  writeFileSync(join(bin, "claude"), `${script}\n`);
  chmodSync(join(bin, "claude"), 0o755);
  return { bin, out };
}

/** The arguments the stub got. */
export function recordedArgv(out: string): string[] {
  return readFileSync(join(out, "argv"), "utf8").split("\0").slice(0, -1);
}

/** The environment the stub got. */
export function recordedEnv(out: string): Record<string, string> {
  const entries = readFileSync(join(out, "env"), "utf8").split("\0").filter((e) => e !== "");
  return Object.fromEntries(entries.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}

/** Waits (≤ `ms`) for `file` to appear; true when it did. */
export async function waitForFile(file: string, ms = 5000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!existsSync(file) && performance.now() < deadline) await Bun.sleep(20);
  return existsSync(file);
}
