// An in-memory Io for driving CLI commands in tests: captured output, chosen env and stdin, a manual interrupt.
import type { Io } from "../../src/cli/command.ts";
import { noPrompter, type Prompter } from "../../src/cli/prompter.ts";

export interface FakeIo {
  io: Io;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves `io.waitForInterrupt()` as if the user pressed Ctrl-C (or sent `signal`). */
  interrupt(signal?: string): void;
}

/** A fresh Io with an empty environment unless `env` is given, so tests never read the real home. */
export function fakeIo(opts: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string; prompter?: Prompter } = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  let fire: (signal: string) => void = () => {};
  const interrupted = new Promise<string>((resolve) => {
    fire = resolve;
  });
  const io: Io = {
    stdin: new Blob([opts.stdin ?? ""]),
    stdout: { write: (text) => void out.push(text) },
    stderr: { write: (text) => void err.push(text) },
    env: opts.env ?? {},
    cwd: opts.cwd ?? "/",
    // A scripted prompter stands for a person at a terminal.
    isTTY: opts.prompter !== undefined,
    prompter: opts.prompter ?? noPrompter((text) => void err.push(text)),
    waitForInterrupt: () => interrupted,
  };
  return {
    io,
    stdout: () => out.join(""),
    stderr: () => err.join(""),
    interrupt: (signal = "SIGINT") => fire(signal),
  };
}
