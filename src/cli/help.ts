// `ccr help [command]`, `ccr --help`, `ccr <command> --help`: the command list and per-command usage.
import { loadCommand, type Command, type CommandSource } from "./command.ts";
import { didYouMean } from "./closest.ts";
import { expectNoPositionals, parseFlags } from "./flags.ts";
import { UsageError } from "./usage-error.ts";
import { versionString } from "./version.ts";

/** The overview `ccr help` prints: every command with its one-line summary. */
export function renderHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const rows = commands.map((c) => {
    const aliases = c.aliases === undefined || c.aliases.length === 0 ? "" : ` (also ${c.aliases.join(", ")})`;
    return `  ${c.name.padEnd(width)}  ${c.summary}${aliases}`;
  });
  return [
    `${versionString()}: routes Claude Code's Anthropic Messages API to any provider`,
    "",
    "Usage: ccr <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    'Run "ccr <command> --help" for the options of one command.',
    "",
  ].join("\n");
}

/** One command's usage: synopsis, summary and flags. */
export function renderUsage(command: Command): string {
  const flags = [...(command.flags ?? []), { name: "help", short: "h", placeholder: undefined, description: "Show this help" }];
  const labels = flags.map((f) => {
    const short = f.short === undefined ? "" : `, -${f.short}`;
    const value = f.placeholder === undefined ? "" : ` ${f.placeholder}`;
    return `--${f.name}${value}${short}`;
  });
  const width = Math.max(...labels.map((l) => l.length));
  const rows = flags.map((f, i) => `  ${(labels[i] ?? "").padEnd(width)}  ${f.description}`);
  return [`Usage: ${command.usage}`, "", `${command.summary}.`, "", "Options:", ...rows, ""].join("\n");
}

/** A help command listing `listed` and itself. */
export function helpCommand(listed: readonly CommandSource[]): Command {
  const self: Command = {
    name: "help",
    aliases: ["--help", "-h"],
    summary: "Show the commands, or one command's usage",
    usage: "ccr help [command]",
    async run(args, io) {
      const { positionals } = parseFlags(args, []);
      const [topic, ...rest] = positionals;
      expectNoPositionals(rest);
      const all = [...(await Promise.all(listed.map(loadCommand))), self];
      if (topic === undefined) {
        io.stdout.write(renderHelp(all));
        return 0;
      }
      const command = all.find((c) => c.name === topic);
      if (command === undefined) {
        const suggestion = didYouMean(topic, all.map((c) => c.name));
        throw new UsageError(`unknown command "${topic}"${suggestion === "" ? ' (run "ccr help" for the list)' : suggestion}`);
      }
      io.stdout.write(renderUsage(command));
      return 0;
    },
  };
  return self;
}
