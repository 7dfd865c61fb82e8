// The five measurements, each turning raw timings into report rows with ccr's targets.
import { firstByte, interleaved, roundTrip, throughput, type Samples, type Target } from "./load.ts";
import type { ServerProcess } from "./processes.ts";
import { cpuTimeMs, rssMb } from "./procfs.ts";
import { verdict, type Row } from "./report.ts";
import { claudeCodeRequest, smallAnthropic, smallOpenAi, type BenchRequest } from "./requests.ts";
import { fmt, percentile, percentiles, signed } from "./stats.ts";

/** The running processes and how many requests to send (scale 1 = full run, 0.1 = `--quick`). */
export interface Bench {
  mock: ServerProcess;
  ccr: ServerProcess;
  v1: ServerProcess | undefined;
  scale: number;
  /** Collected remarks (failed requests, skipped parts) printed under the table. */
  notes: string[];
}

const count = (bench: Bench, n: number) => Math.max(10, Math.round(n * bench.scale));
const target = (server: ServerProcess, request: BenchRequest): Target => ({ name: server.name, url: server.url, request });

/** How many requests to one target did not answer 200, and what the first failure said. */
interface Failures {
  name: string;
  errors: number;
  firstError: string | undefined;
}

function noteErrors(bench: Bench, samples: Failures) {
  if (samples.errors > 0) bench.notes.push(`${samples.name}: ${samples.errors} failed requests, first: ${samples.firstError}`);
}

/** Rows for p50/p95/p99 of `[direct, ccr, v1?]` samples; the target applies to ccr's added p50. */
function percentileRows(bench: Bench, label: string, all: Samples[], limitMs: number): Row[] {
  all.forEach((s) => noteErrors(bench, s));
  const [direct, ccr, v1] = all.map((s) => percentiles(s.ms));
  if (!direct || !ccr) throw new Error("missing samples");
  const ccrFailed = (all[1]?.errors ?? 0) > 0;
  return (["p50", "p95", "p99"] as const).map((p) => {
    const added = ccr[p] - direct[p];
    const isTarget = p === "p50";
    const rowVerdict = isTarget ? (ccrFailed ? "FAIL" : verdict(added, (v) => v <= limitMs)) : "";
    return {
      metric: `${label} ${p}`,
      direct: `${fmt(direct[p])} ms`,
      ccr: `${fmt(ccr[p])} ms (${signed(added)})`,
      v1: v1 ? `${fmt(v1[p])} ms (${signed(v1[p] - direct[p])})` : "not run",
      result: `${signed(added)} ms`,
      target: isTarget ? `adds ≤ ${limitMs} ms` : "–",
      verdict: rowVerdict,
    };
  });
}

function routers(bench: Bench): ServerProcess[] {
  return bench.v1 ? [bench.ccr, bench.v1] : [bench.ccr];
}

/** 1. Added latency of a small non-streaming request at concurrency 1. */
export async function addedLatency(bench: Bench): Promise<Row[]> {
  const targets = [target(bench.mock, smallOpenAi(false)), ...routers(bench).map((r) => target(r, smallAnthropic(false)))];
  const samples = await interleaved(targets, count(bench, 3000), count(bench, 300), roundTrip);
  return percentileRows(bench, "Added latency, small request, c=1,", samples, 1);
}

/** 3. Time to first byte of a streamed answer at concurrency 1. */
export async function streamingTtfb(bench: Bench): Promise<Row[]> {
  const targets = [target(bench.mock, smallOpenAi(true)), ...routers(bench).map((r) => target(r, smallAnthropic(true)))];
  const samples = await interleaved(targets, count(bench, 500), count(bench, 50), firstByte);
  return percentileRows(bench, "Streaming time to first byte", samples, 2);
}

interface RunPlan {
  /** Unrecorded requests first, so the JIT has compiled the hot path (sent at `max(concurrency, 4)` to save time). */
  warmup: number;
  /** Requests per round; the reported figures are medians over the rounds. */
  perRound: number;
  rounds: number;
  concurrency: number;
}

/** Medians over the rounds: requests per second and server CPU per request (NaN for the mock, which is not measured). */
interface RunResult {
  name: string;
  perSecond: number;
  cpuPerRequest: number;
  cpuRange: [number, number];
  errors: number;
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * Runs `rounds` fixed-size concurrent runs per target, taking the targets in turn each round so that noise from the
 * machine spreads over all of them, and reads each server's CPU time around each round.
 */
async function measuredRuns(bench: Bench, targets: readonly Target[], servers: readonly ServerProcess[], plan: RunPlan): Promise<RunResult[]> {
  for (const t of targets) await throughput(t, plan.warmup, Math.max(plan.concurrency, 4));
  const perSecond: number[][] = targets.map(() => []);
  const cpu: number[][] = targets.map(() => []);
  const failures = targets.map((t): Failures => ({ name: t.name, errors: 0, firstError: undefined }));
  for (let round = 0; round < plan.rounds; round++) {
    for (const [i, t] of targets.entries()) {
      const server = servers[i];
      const measured = server !== undefined && server !== bench.mock;
      const before = measured ? cpuTimeMs(server.pid) : 0;
      const run = await throughput(t, plan.perRound, plan.concurrency);
      perSecond[i]?.push(run.perSecond);
      if (measured) cpu[i]?.push((cpuTimeMs(server.pid) - before) / plan.perRound);
      const failure = failures[i];
      if (failure) {
        failure.errors += run.errors;
        failure.firstError ??= run.firstError;
      }
    }
  }
  failures.forEach((f) => noteErrors(bench, f));
  return targets.map((t, i) => {
    const c = cpu[i] ?? [];
    return { name: t.name, perSecond: median(perSecond[i] ?? []), cpuPerRequest: median(c), cpuRange: [Math.min(...c), Math.max(...c)], errors: failures[i]?.errors ?? 0 };
  });
}

/** 2. Requests per second at concurrency 32, plus the server CPU each request cost. */
export async function throughputAt32(bench: Bench): Promise<Row[]> {
  const plan = { warmup: count(bench, 2000), perRound: count(bench, 5000), rounds: 3, concurrency: 32 };
  const servers = [bench.mock, ...routers(bench)];
  const targets = [target(bench.mock, smallOpenAi(false)), ...routers(bench).map((r) => target(r, smallAnthropic(false)))];
  const [direct, ccr, v1] = await measuredRuns(bench, targets, servers, plan);
  if (!direct || !ccr) throw new Error("missing throughput results");
  const ratio = v1 ? ccr.perSecond / v1.perSecond : Number.NaN;
  const ok = ccr.errors === 0 && (v1?.errors ?? 0) === 0;
  return [
    {
      metric: `Throughput, small request, c=32 (median of ${plan.rounds} × ${plan.perRound} requests)`,
      direct: `${fmt(direct.perSecond, 0)} req/s`,
      ccr: `${fmt(ccr.perSecond, 0)} req/s`,
      v1: v1 ? `${fmt(v1.perSecond, 0)} req/s` : "not run",
      result: v1 ? `${fmt(ratio, 1)}× CCR` : "–",
      target: "≥ 3× CCR",
      verdict: ok ? verdict(ratio, (r) => r >= 3) : "FAIL",
    },
    {
      metric: "Server CPU per small request (during the c=32 runs)",
      direct: "–",
      ccr: `${fmt(ccr.cpuPerRequest, 3)} ms`,
      v1: v1 ? `${fmt(v1.cpuPerRequest, 3)} ms` : "not run",
      result: `${fmt(ccr.cpuPerRequest, 3)} ms`,
      target: "–",
      verdict: "",
    },
  ];
}

const cpuCell = (r: RunResult) => `${fmt(r.cpuPerRequest)} ms (${fmt(r.cpuRange[0])}–${fmt(r.cpuRange[1])})`;

/** 4. Server CPU time per ~200 KB Claude Code request (streamed, as Claude Code sends it, one at a time). */
export async function largeRequestCpu(bench: Bench): Promise<Row[]> {
  const request = claudeCodeRequest(200 * 1024);
  const plan = { warmup: count(bench, 300), perRound: count(bench, 100), rounds: 5, concurrency: 1 };
  const [ccr, v1] = await measuredRuns(bench, routers(bench).map((r) => target(r, request)), routers(bench), plan);
  if (!ccr) throw new Error("missing CPU results");
  const kb = Math.round(Buffer.byteLength(request.body) / 1024);
  return [
    {
      metric: `Server CPU per ${kb} KB Claude Code request, c=1 (median of ${plan.rounds} × ${plan.perRound}; range)`,
      direct: "–",
      ccr: cpuCell(ccr),
      v1: v1 ? cpuCell(v1) : "not run",
      result: `${fmt(ccr.cpuPerRequest)} ms`,
      // The whole server process, Bun's HTTP server and fetch included (a bare Bun JSON proxy costs 2.0-2.7 ms here);
      // the ≤ 3 ms target applies to ccr's own work, measured in the next row.
      target: "–",
      verdict: ccr.errors > 0 ? "FAIL" : "",
    },
  ];
}

/** RSS snapshot of the routers. */
export function memory(bench: Bench): { ccr: number; v1: number | undefined } {
  return { ccr: rssMb(bench.ccr.pid), v1: bench.v1 ? rssMb(bench.v1.pid) : undefined };
}

/** 5. Idle resident memory, as a report row. */
export function memoryRow(label: string, snapshot: { ccr: number; v1: number | undefined }): Row {
  return {
    metric: `Idle RSS ${label}`,
    direct: "–",
    ccr: `${fmt(snapshot.ccr, 1)} MB`,
    v1: snapshot.v1 === undefined ? "not run" : `${fmt(snapshot.v1, 1)} MB`,
    result: `${fmt(snapshot.ccr, 1)} MB`,
    // The target is idle memory after start; after load the allocator keeps some pages, shown for information.
    target: label === "after start" ? "≤ 60 MB" : "–",
    verdict: label === "after start" ? verdict(snapshot.ccr, (v) => v <= 60) : "",
  };
}
