// Renders benchmark rows as the Markdown report printed to the terminal and written to dist/bench.md.
import { cpus, release } from "node:os";

/** One line of the results table. `verdict` is empty for informational rows. */
export interface Row {
  metric: string;
  direct: string;
  ccr: string;
  v1: string;
  /** ccr's figure in the unit of the target (a difference, a ratio, an absolute value). */
  result: string;
  target: string;
  verdict: "pass" | "FAIL" | "n/a" | "";
}

/** "pass"/"FAIL" from a comparison, "n/a" when the figure could not be measured. */
export function verdict(value: number, ok: (v: number) => boolean): Row["verdict"] {
  if (!Number.isFinite(value)) return "n/a";
  return ok(value) ? "pass" : "FAIL";
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/** The results as a Markdown table. */
export function renderTable(rows: readonly Row[], v1Name: string): string {
  const head = ["Metric", "direct to mock", "ccr", v1Name, "ccr result", "Target", "Verdict"];
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`];
  for (const r of rows) {
    const verdictCell = r.verdict === "pass" ? "✅ pass" : r.verdict === "FAIL" ? "❌ FAIL" : r.verdict;
    const cells = [r.metric, r.direct, r.ccr, r.v1, r.result, r.target, verdictCell].map(escapeCell);
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** What the numbers were measured on. */
export function machineLine(date: Date): string {
  const cpuList = cpus();
  const model = cpuList[0]?.model.trim() ?? "unknown CPU";
  const day = date.toISOString().slice(0, 10);
  return `${day} · ${model}, ${cpuList.length} cores · Linux ${release()} · Bun ${Bun.version}`;
}

/** The whole report: title, machine, table, then notes (method, failures, skipped parts). */
export function renderReport(date: Date, table: string, notes: readonly string[]): string {
  const body = [`## ccr benchmark`, "", `Measured ${machineLine(date)}.`, "", table, ""];
  if (notes.length > 0) body.push(...notes.map((n) => `- ${n}`), "");
  return body.join("\n");
}
