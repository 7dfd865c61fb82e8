// The real process behind `Io`: the one place the CLI touches process streams, env and signals.
import type { Io } from "./command.ts";
import { canPrompt, clackPrompter, noPrompter } from "./prompter.ts";

/** An Io bound to this process's stdin/stdout/stderr, environment and signals. */
export function processIo(): Io {
  const isTTY = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const stderr = (text: string) => void process.stderr.write(text);
  return {
    prompter: canPrompt({ isTTY, env: process.env }) ? clackPrompter() : noPrompter(stderr),
    stdin: { text: () => Bun.stdin.text() },
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: stderr },
    env: process.env,
    cwd: process.cwd(),
    isTTY,
    waitForInterrupt: () =>
      new Promise((resolve) => {
        // Handlers are installed only while a command waits, so a second Ctrl-C falls back to the default (exit).
        const onSignal = (signal: NodeJS.Signals) => {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
          resolve(signal);
        };
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
      }),
  };
}
