// Load generators: sequential rounds (latency, time to first byte) and a fixed-count concurrent run (throughput).
// Every loop is bounded by a request count; every time comes from performance.now().
import type { BenchRequest } from "./requests.ts";

/** Where to send one kind of request. */
export interface Target {
  name: string;
  url: string;
  request: BenchRequest;
}

/** Timings of one target, plus the requests that did not answer 200. */
export interface Samples {
  name: string;
  ms: number[];
  errors: number;
  firstError: string | undefined;
}

function send(target: Target): Promise<Response> {
  return fetch(target.url + target.request.path, { method: "POST", headers: target.request.headers, body: target.request.body });
}

async function describeFailure(res: Response): Promise<string> {
  const text = await res.text();
  return `HTTP ${res.status}: ${text.slice(0, 300)}`;
}

/** Full round trip: request out, whole response body in. */
export async function roundTrip(target: Target): Promise<{ ms: number; error?: string }> {
  const started = performance.now();
  const res = await send(target);
  if (res.status !== 200) return { ms: performance.now() - started, error: await describeFailure(res) };
  await res.arrayBuffer();
  return { ms: performance.now() - started };
}

/** Time until the first body bytes arrive (the first token of a stream); the rest is drained afterwards. */
export async function firstByte(target: Target): Promise<{ ms: number; error?: string }> {
  const started = performance.now();
  const res = await send(target);
  if (res.status !== 200 || !res.body) return { ms: performance.now() - started, error: await describeFailure(res) };
  const reader = res.body.getReader();
  await reader.read();
  const ms = performance.now() - started;
  while (!(await reader.read()).done);
  return { ms };
}

type Probe = (target: Target) => Promise<{ ms: number; error?: string }>;

/** Runs a probe; a refused or reset connection counts as a failed request instead of ending the run. */
function attempt(probe: Probe, target: Target): Promise<{ ms: number; error?: string }> {
  return probe(target).catch((err: unknown) => ({ ms: 0, error: err instanceof Error ? err.message : String(err) }));
}

/**
 * Sends `warmup + rounds` requests to each target one at a time, interleaving the targets (A, B, C, A, B, C, ...) so
 * drift in machine load hits all of them alike. Warm-up rounds are not recorded.
 */
export async function interleaved(targets: readonly Target[], rounds: number, warmup: number, probe: Probe): Promise<Samples[]> {
  const out: Samples[] = targets.map((t) => ({ name: t.name, ms: [], errors: 0, firstError: undefined }));
  for (let i = 0; i < warmup + rounds; i++) {
    for (const [index, target] of targets.entries()) {
      const result = await attempt(probe, target);
      const samples = out[index];
      if (!samples || i < warmup) continue;
      if (result.error) {
        samples.errors++;
        samples.firstError ??= result.error;
      } else samples.ms.push(result.ms);
    }
  }
  return out;
}

/** Result of a concurrent run. */
export interface Throughput {
  name: string;
  requests: number;
  seconds: number;
  perSecond: number;
  errors: number;
  firstError: string | undefined;
}

/** Sends exactly `total` requests through `concurrency` parallel loops and reports requests per second. */
export async function throughput(target: Target, total: number, concurrency: number): Promise<Throughput> {
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (issued < total) {
      issued++;
      const result = await attempt(roundTrip, target);
      if (result.error) {
        errors++;
        firstError ??= result.error;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { name: target.name, requests: total, seconds, perSecond: total / seconds, errors, firstError };
}
