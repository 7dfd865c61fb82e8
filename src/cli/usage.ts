// `ccr usage`: requests, tokens and cost from the request log, as a table; reads the database directly (no server).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Database, SQLiteError } from "bun:sqlite";
import { ccrHome } from "../config/paths.ts";
import { aggregate, GROUPS, type AggregateOptions, type GroupBy, type UsageTotals } from "../usage/aggregate.ts";
import { dayStart, localOffset } from "../usage/day-offset.ts";
import { REQUESTS_DB } from "../usage/schema.ts";
import type { Command } from "./command.ts";
import { expectNoPositionals, parseFlags, type FlagSpec } from "./flags.ts";
import { UsageError } from "./usage-error.ts";

const usageFlags = [
  { name: "today", type: "boolean", description: "Only requests since local midnight" },
  { name: "days", type: "string", placeholder: "N", description: "The last N local calendar days, today included (default 30)" },
  { name: "by", type: "string", placeholder: "GROUP", description: `One row per ${GROUPS.join(", ")} (default model)` },
] as const satisfies readonly FlagSpec[];

function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function dollars(n: number): string {
  return `$${n.toFixed(n >= 100 ? 2 : 4)}`;
}

/** A group's cost: "?" when no row of it has a price, "$x + ?" when only some have. */
function costCell(g: UsageTotals): string {
  if (g.unknown_cost === 0) return dollars(g.cost);
  return g.cost > 0 ? `${dollars(g.cost)} + ?` : "?";
}

/** Columns padded to their widest cell; the first column left-aligned, numbers right-aligned. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ").trimEnd();
  return all.map(line).join("\n");
}

function cells(g: UsageTotals, cost: string): string[] {
  const tokens = [g.input_tokens, g.output_tokens, g.cache_read_tokens, g.cache_write_tokens].map(count);
  return [g.key, count(g.requests), count(g.errors), ...tokens, cost];
}

function window(flags: { today?: boolean; days?: string }, now: number): { since: number; label: string } {
  if (flags.today && flags.days !== undefined) throw new UsageError("use either --today or --days N, not both");
  if (flags.today) return { since: dayStart(localOffset, now, 0), label: "today" };
  const days = flags.days === undefined ? 30 : Number(flags.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError(`--days: expected a whole number from 1 to 3650, got "${flags.days}"`);
  // Whole local days, today included, so `--by day` does not start with a partial day.
  const since = dayStart(localOffset, now, days - 1);
  return { since, label: `the last ${days} day${days === 1 ? "" : "s"} (since ${localDate(since)})` };
}

/** YYYY-MM-DD on the local calendar. */
function localDate(ms: number): string {
  return new Date(ms + localOffset(ms)).toISOString().slice(0, 10);
}

/** Prints usage totals grouped by model (or provider, session, project, day) with a total line. */
export const usageCommand: Command = {
  name: "usage",
  summary: "Show requests, tokens and cost from the request log",
  usage: "ccr usage [--today | --days N] [--by model|provider|session|project|day]",
  flags: usageFlags,
  async run(args, io) {
    const { flags, positionals } = parseFlags(args, usageFlags);
    expectNoPositionals(positionals);
    const by = flags.by ?? "model";
    if (!(GROUPS as readonly string[]).includes(by)) throw new UsageError(`--by: expected one of ${GROUPS.join(", ")}, got "${by}"`);
    const now = Date.now();
    const { since, label } = window(flags, now);
    const path = join(ccrHome(io.env), REQUESTS_DB);
    if (!existsSync(path)) {
      io.stdout.write(`No requests recorded yet (${path} does not exist; the server writes it).\n`);
      return 0;
    }
    // Checked against GROUPS above.
    const result = readTotals(path, { since, by: by as GroupBy, offsetAt: localOffset });
    if (!result) {
      io.stdout.write(`No requests recorded yet (${path} has no request table; the server creates it).\n`);
      return 0;
    }
    const { groups, totals } = result;
    io.stdout.write(`Usage for ${label}, by ${by}\n\n`);
    if (groups.length === 0) {
      io.stdout.write("No requests in this period.\n");
      return 0;
    }
    const header = [by.toUpperCase(), "REQUESTS", "ERRORS", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "COST"];
    const total = totals.unknown_cost > 0 ? `${dollars(totals.cost)} + unknown` : dollars(totals.cost);
    io.stdout.write(`${renderTable(header, [...groups.map((g) => cells(g, costCell(g))), cells({ ...totals, key: "TOTAL" }, total)])}\n`);
    if (totals.unknown_cost > 0) io.stdout.write(`\n? = price unknown for ${count(totals.unknown_cost)} request(s); set Providers[].model_info.<model>.price.\n`);
    if (totals.estimated > 0) io.stdout.write(`${count(totals.estimated)} request(s) have token counts estimated by ccr (the upstream reported none).\n`);
    return 0;
  },
};

/** The totals, or undefined when the file has no request table yet; a file SQLite cannot read is one line. */
function readTotals(path: string, opts: AggregateOptions): ReturnType<typeof aggregate> | undefined {
  let db: Database | undefined;
  try {
    db = new Database(path, { readonly: true });
    return aggregate(db, opts);
  } catch (err) {
    if (!(err instanceof SQLiteError)) throw err;
    if (err.message.includes("no such table")) return undefined;
    throw new UsageError(`cannot read the request log ${path}: ${err.message}`);
  } finally {
    db?.close();
  }
}
