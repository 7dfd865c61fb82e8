#!/usr/bin/env bun
// `bun run bench`: ccr's performance proof. Starts a mock OpenAI upstream, ccr and CCR 1.0.73 as separate processes on
// loopback, measures latency, throughput, streaming first byte, CPU per large request and idle memory, and prints a
// Markdown table (also written to dist/bench.md). Flags: --quick (a tenth of the requests), --no-ccr-v1,
// --ccr-bin <path> (measure a compiled ccr binary instead of `bun src/main.ts`). Exits 1 when a target is missed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CCR_V1_VERSION, installCcrV1, startCcr, startCcrV1, startMock, type ServerProcess } from "./bench/processes.ts";
import { machineTicks } from "./bench/procfs.ts";
import { pipelineCpu } from "./bench/pipeline.ts";
import { renderReport, renderTable, type Row } from "./bench/report.ts";
import { smallAnthropic } from "./bench/requests.ts";
import { addedLatency, largeRequestCpu, memory, memoryRow, streamingTtfb, throughputAt32, type Bench } from "./bench/scenarios.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const skipV1 = args.includes("--no-ccr-v1");
const binIndex = args.indexOf("--ccr-bin");
const ccrBin = binIndex >= 0 ? args[binIndex + 1] : undefined;
const V1_NAME = `CCR ${CCR_V1_VERSION}`;

const say = (text: string) => void process.stdout.write(`${text}\n`);

/** One real request per kind, so a router that answers wrongly is caught before it is timed. */
async function verify(server: ServerProcess): Promise<void> {
  for (const stream of [false, true]) {
    const request = smallAnthropic(stream);
    const res = await fetch(server.url + request.path, { method: "POST", headers: request.headers, body: request.body });
    const text = await res.text();
    const ok = res.status === 200 && (stream ? text.includes("message_start") && text.includes("Hello") : text.includes('"type":"message"'));
    if (!ok) throw new Error(`${server.name} answered a ${stream ? "streaming" : "plain"} request wrongly: HTTP ${res.status} ${text.slice(0, 300)}`);
  }
}

/** CCR 1.0.73 from npm, or undefined with a note saying why it is missing from the comparison. */
async function startV1(dir: string, mockUrl: string, notes: string[]): Promise<ServerProcess | undefined> {
  if (skipV1) {
    notes.push(`${V1_NAME} skipped (--no-ccr-v1).`);
    return undefined;
  }
  let server: ServerProcess | undefined;
  try {
    say(`installing ${V1_NAME} from npm (cached after the first run)…`);
    const cli = await installCcrV1(join(tmpdir(), `ccr-bench-ccr-${CCR_V1_VERSION}`));
    server = await startCcrV1(dir, cli, mockUrl);
    await verify(server);
    return server;
  } catch (err) {
    await server?.stop();
    notes.push(`${V1_NAME} could not be installed or started, so only ccr vs direct is reported: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

function methodNotes(bench: Bench, stealPercent: number): string[] {
  const node = Bun.spawnSync(["node", "--version"]).stdout.toString().trim();
  return [
    `CPU time stolen by the hypervisor during the run: ${stealPercent.toFixed(1)}% (from /proc/stat; high values make every figure noisier).`,
    `Command: \`bun run bench${quick ? " --quick" : ""}\`${quick ? " (a tenth of the requests)" : ""}. Loopback only; the load generator (this script's fetch), the mock upstream and the routers are separate processes sharing the same cores.`,
    "Mock upstream: a separate Bun process answering an OpenAI chat completion at once; a stream sends its first token at once and the rest 10 ms later.",
    "Added latency = router percentile − direct percentile of the same run; requests to direct, ccr and CCR are interleaved one at a time.",
    "CPU = utime + stime of the server process (/proc/<pid>/stat, all threads) around the measured run, divided by the request count.",
    `Both routers use the same config (one provider \`mock\`, \`Router.default: "mock,gpt-test"\`, \`LOG: false\`). ccr: ${ccrBin ? `\`${ccrBin} serve\`` : "`bun src/main.ts serve`"}; ${V1_NAME}: \`node dist/cli.js start\` (Node ${node}).`,
    ...(bench.v1 ? [] : [`${V1_NAME} column empty: see the note above.`]),
  ];
}

async function measure(bench: Bench): Promise<Row[]> {
  await Bun.sleep(1000);
  const idle = memory(bench);
  const steps: [string, (b: Bench) => Promise<Row[]>][] = [
    ["1/5 added latency", addedLatency],
    ["2/5 throughput at c=32", throughputAt32],
    ["3/5 streaming first byte", streamingTtfb],
    ["4/5 CPU per 200 KB request", largeRequestCpu],
    ["4/5 ccr's own CPU per 200 KB request", async (b) => [await pipelineCpu(b.scale < 1)]],
  ];
  const rows: Row[] = [];
  for (const [label, step] of steps) {
    say(`measuring ${label}…`);
    rows.push(...(await step(bench)));
  }
  say("measuring 5/5 idle memory…");
  await Bun.sleep(2000);
  rows.push(memoryRow("after start", idle), memoryRow("after the benchmark", memory(bench)));
  return rows;
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "ccr-bench-"));
  const notes: string[] = [];
  const started: ServerProcess[] = [];
  let keepDir = false;
  try {
    const mock = await startMock(dir);
    started.push(mock);
    const ccr = await startCcr(dir, mock.url, ccrBin);
    started.push(ccr);
    await verify(ccr);
    const v1 = await startV1(dir, mock.url, notes);
    if (v1) started.push(v1);
    const bench: Bench = { mock, ccr, v1, scale: quick ? 0.1 : 1, notes };
    const before = machineTicks();
    const rows = await measure(bench);
    const after = machineTicks();
    const steal = (100 * (after.steal - before.steal)) / Math.max(1, after.total - before.total);
    const report = renderReport(new Date(), renderTable(rows, V1_NAME), [...notes, ...methodNotes(bench, steal)]);
    say(`\n${report}`);
    mkdirSync(join(import.meta.dir, "../dist"), { recursive: true });
    writeFileSync(join(import.meta.dir, "../dist/bench.md"), report);
    say("written to dist/bench.md");
    return rows.some((r) => r.verdict === "FAIL") ? 1 : 0;
  } catch (err) {
    keepDir = true;
    say(`benchmark failed: ${err instanceof Error ? err.message : String(err)}\nlogs kept in ${dir}`);
    return 2;
  } finally {
    for (const server of started.reverse()) await server.stop();
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
