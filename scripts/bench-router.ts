#!/usr/bin/env bun
// `bun scripts/bench-router.ts`: the router's hot-path proof. Grows a real Claude Code 2.1.328 request to ~150k tokens,
// times one cold token count, then (after 200 untimed requests to warm the JIT) times `decide` on that conversation
// re-sent with one new turn each time, and on the history alone: the memo must make the cost depend on the new turn,
// not on the history. Target: p99 under 2 ms (exit 1 when missed; a busy machine can miss it through GC pauses).
// Flags: --iterations N (default 500), --tokens N (default 150000).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import type { CompiledProvider, RouterSlots } from "../src/config/compiled.ts";
import { MessagesRequestSchema, type MessageParam, type MessagesRequest } from "../src/formats/anthropic.ts";
import { decide, type DecideInput } from "../src/router/decide.ts";
import { countMessageTokens, createTokenCounter } from "../src/router/tokens.ts";

const TARGET_MS = 2;
const WARMUP = 200;
const CAPTURE = join(import.meta.dir, "../tests/fixtures/providers/openai-chat/cc-tool-result-turn/request.json");

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const say = (text: string) => void process.stdout.write(`${text}\n`);

function loadBody(): MessagesRequest {
  const capture = v.parse(v.looseObject({ body: MessagesRequestSchema }), JSON.parse(readFileSync(CAPTURE, "utf8")));
  return capture.body;
}

/** Words of the captured system prompt, drawn by a fixed LCG so every turn's text differs but runs are repeatable. */
function textMaker(body: MessagesRequest): (seed: number, words: number) => string {
  const source = typeof body.system === "string" ? body.system : (body.system ?? []).map((b) => b.text).join(" ");
  const vocabulary = source.split(/\s+/).filter(Boolean);
  return (seed, words) => {
    let state = seed * 2654435761 + 7;
    const out: string[] = [];
    for (let i = 0; i < words; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      out.push(vocabulary[state % vocabulary.length] ?? "word");
      if (i % 14 === 13) out.push(`\n${seed}.${i}`);
    }
    return out.join(" ");
  };
}

/** One assistant turn (thinking, text, a Read call) and the user turn with its result, as Claude Code replays them. */
function exchange(text: (seed: number, words: number) => string, n: number, words: number): MessageParam[] {
  const id = `toolu_bench_${n}`;
  return [
    {
      role: "assistant",
      content: [
        { type: "thinking", thinking: text(n * 3, 60), signature: `sig-${n}` },
        { type: "text", text: text(n * 3 + 1, 20) },
        { type: "tool_use", id, name: "Read", input: { file_path: `/home/user/project/src/module-${n}.ts` } },
      ],
    },
    { role: "user", content: [{ type: "tool_result", tool_use_id: id, content: text(n * 3 + 2, words), is_error: false }] },
  ];
}

/** The capture with exchanges inserted before its last turn until the request holds about `tokens` tokens. */
function grow(body: MessagesRequest, text: (seed: number, words: number) => string, tokens: number): MessagesRequest {
  const history = [...body.messages];
  const last = history.pop();
  let total = createTokenCounter().count(body);
  for (let n = 0; total < tokens; n++) {
    // Tool results of 100 to ~1700 words, like a mix of Bash output, edits and file reads.
    for (const message of exchange(text, n, 100 + ((n * 7919) % 1600))) {
      history.push(message);
      total += countMessageTokens(message);
    }
  }
  return { ...body, messages: last ? [...history, last] : history };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

interface Timing {
  p50: number;
  p99: number;
  max: number;
}

/** Times `decide` on `iterations` freshly parsed copies of `serialized`, each extended by `extra(i)`. */
async function timeDecide(serialized: string, extra: (i: number) => MessageParam[], iterations: number, input: DecideInput): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    // A fresh object graph per request, as the server parses each body anew.
    const parsed = v.parse(MessagesRequestSchema, JSON.parse(serialized));
    const request = { ...parsed, messages: [...parsed.messages, ...extra(i)] };
    const start = performance.now();
    const decision = await decide(request, input);
    samples.push(performance.now() - start);
    if (decision.scenario !== "default") throw new Error(`unexpected scenario ${decision.scenario}`);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1) ?? Number.NaN };
}

const line = (t: Timing) => `p50 ${ms(t.p50)}  p99 ${ms(t.p99)}  max ${ms(t.max)}`;

async function main(): Promise<void> {
  const iterations = flag("--iterations", 500);
  const capture = loadBody();
  const text = textMaker(capture);
  const base = grow(capture, text, flag("--tokens", 150_000));
  const slot = { provider: "bench", model: "m" };
  // Every slot set and a threshold above the conversation: all rules run and the count is always needed.
  const router: RouterSlots = { default: slot, background: slot, think: slot, longContext: slot, longContextThreshold: 10_000_000, webSearch: slot, image: slot };
  const tokens = createTokenCounter();
  const input: DecideInput = { router, providers: new Map<string, CompiledProvider>(), sessionId: "bench", headers: {}, tokens };

  const coldStart = performance.now();
  const total = tokens.count(structuredClone(base));
  const coldMs = performance.now() - coldStart;
  const serialized = JSON.stringify(base);
  // Untimed warm-up so the JIT has compiled the rules, as in a server that has been running a while.
  await timeDecide(serialized, (i) => exchange(text, 200_000 + i, 200), WARMUP, input);
  const newTurn = await timeDecide(serialized, (i) => exchange(text, 100_000 + i, 200), iterations, input);
  const sameTurn = await timeDecide(serialized, () => [], iterations, input);
  const stats = tokens.stats();

  say(`conversation:          ${base.messages.length} messages, ${total} tokens, ${(serialized.length / 1024).toFixed(0)} KB`);
  say(`cold count:            ${ms(coldMs)}`);
  say(`decide, one new turn:  ${line(newTurn)}  (${iterations} requests; the new turn is ~280 words to tokenize)`);
  say(`decide, history only:  ${line(sameTurn)}  (every message memoized)`);
  say(`token memo:            ${stats.hits} hits, ${stats.misses} misses, ${stats.entries} entries`);
  const verdict = (value: number) => (value < TARGET_MS ? "met" : "missed");
  say(`target < ${TARGET_MS} ms with one new turn: p50 ${verdict(newTurn.p50)}, p99 ${verdict(newTurn.p99)}`);
  if (newTurn.p99 >= TARGET_MS) process.exitCode = 1;
}

await main();
