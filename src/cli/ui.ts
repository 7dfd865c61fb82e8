// `ccr ui`: starts the service if needed and opens its web UI in the browser, or prints the address when it cannot.
import type { Env } from "../config/paths.ts";
import { openBrowser } from "../daemon/open-browser.ts";
import type { Command, Io } from "./command.ts";
import { codeDaemon, type CodeDaemon } from "./code-daemon.ts";
import { expectNoPositionals, parseFlags } from "./flags.ts";

/** Opens the web UI; without a terminal and display (SSH, CI, scripts) it only prints the URL. */
export const uiCommand: Command = {
  name: "ui",
  summary: "Open the web UI in the browser, starting the service if needed",
  usage: "ccr ui",
  run: (args, io) => runUi(args, io, codeDaemon, openBrowser),
};

/** The body of `ccr ui`, with the daemon and the browser opener passed in. */
export async function runUi(
  args: readonly string[],
  io: Io,
  daemon: Pick<CodeDaemon, "ensureRunning">,
  open: (url: string, env: Env) => Promise<boolean>,
): Promise<number> {
  expectNoPositionals(parseFlags(args, []).positionals);
  const { url } = await daemon.ensureRunning(io);
  const ui = `${url.replace(/\/+$/, "")}/ui/`;
  if (io.isTTY && (await open(ui, io.env))) io.stdout.write(`Opened ${ui} in your browser\n`);
  else io.stdout.write(`Open the ccr UI at ${ui}\n`);
  return 0;
}
