// The real process behind `Io`: the one place the CLI touches process streams, env and signals.
import type { Io } from "./command.ts";

/** An Io bound to this process's stdin/stdout/stderr, environment and signals. */
export function processIo(): Io {
  return {
    stdin: { text: () => Bun.stdin.text() },
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: (text) => void process.stderr.write(text) },
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdin.isTTY === true && process.stdout.isTTY === true,
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
