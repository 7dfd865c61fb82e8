// `ccr version` / `ccr --version` / `ccr -v`: the package version, plus the commit a release build was made from.
import packageJson from "../../package.json" with { type: "json" };
import type { Command } from "./command.ts";
import { expectNoPositionals, parseFlags } from "./flags.ts";

/** `ccr 0.1.0`, or `ccr 0.1.0 (67e4377)` in a binary built by scripts/build.ts. */
export function versionString(): string {
  const commit = typeof CCR_COMMIT === "string" && CCR_COMMIT !== "" ? ` (${CCR_COMMIT})` : "";
  return `ccr ${packageJson.version}${commit}`;
}

/** Prints the version line on stdout. */
export const versionCommand: Command = {
  name: "version",
  aliases: ["--version", "-v"],
  summary: "Print the version",
  usage: "ccr version",
  async run(args, io) {
    expectNoPositionals(parseFlags(args, []).positionals);
    io.stdout.write(`${versionString()}\n`);
    return 0;
  },
};
