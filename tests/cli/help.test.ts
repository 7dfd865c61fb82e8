import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCommand } from "../../src/cli/command.ts";
import { commands as sources } from "../../src/cli/commands.ts";
import { renderHelp, renderUsage } from "../../src/cli/help.ts";

const commands = await Promise.all(sources.map(loadCommand));
const README = readFileSync(join(import.meta.dir, "../../README.md"), "utf8");

/** The rows of README's "## Commands" table, e.g. "| `ccr status [--json]` | ... |". */
function commandRows(): string[] {
  const start = README.indexOf("\n## Commands\n");
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end).split("\n").filter((line) => line.startsWith("| `ccr "));
}

/** The command a README row documents: `ccr --version` is the version command. */
function commandOfRow(row: string): string | undefined {
  const written = /^\| `ccr ([\w-]+)/.exec(row)?.[1];
  return commands.find((c) => c.name === written || (c.aliases ?? []).includes(written ?? ""))?.name;
}

describe("README's Commands table", () => {
  test("has a row for every command ccr help lists, and none for a command that does not exist", () => {
    const rows = commandRows();
    const documented = new Set(rows.map(commandOfRow));
    expect(rows.filter((row) => commandOfRow(row) === undefined)).toEqual([]);
    expect(commands.map((c) => c.name).filter((name) => !documented.has(name))).toEqual([]);
  });

  test("names every flag of every command in that command's rows", () => {
    const missing = commands.flatMap((c) => {
      const text = commandRows().filter((row) => commandOfRow(row) === c.name).join(" ");
      return (c.flags ?? []).filter((f) => !text.includes(`--${f.name}`) && !(f.short && text.includes(`-${f.short}`))).map((f) => `${c.name} --${f.name}`);
    });
    expect(missing).toEqual([]);
  });
});

describe("help texts", () => {
  test("start every flag description with a capital letter, as the generated --help line does", () => {
    const lower = commands.flatMap((c) => (c.flags ?? []).filter((f) => !/^[A-Z]/.test(f.description)).map((f) => `${c.name} --${f.name}: ${f.description}`));
    expect(lower).toEqual([]);
  });

  test("list each command once in ccr help, and give each a usage line that starts with its name", () => {
    const help = renderHelp(commands);
    for (const c of commands) {
      expect(help.split("\n").filter((line) => line.startsWith(`  ${c.name} `))).toHaveLength(1);
      expect(renderUsage(c)).toStartWith(`Usage: ccr ${c.name}`);
    }
  });
});
