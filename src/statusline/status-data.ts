// What the status line shows, merged from the request log (the truth about the routed model) and Claude Code's input.
import type { StatusInput } from "./input.ts";

/** The session's latest request in ccr's request log, plus the session's summed cost. */
export interface SessionUsage {
  provider: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  contextWindow: number | null;
  tokensPerSecond: number | null;
  /** Sum of the session's known costs in USD; null when no request had a known price. */
  sessionCost: number | null;
}

/** Everything a module may show; undefined = unknown (the module is skipped). */
export interface StatusData {
  /** `provider,model` that served the last request, else the Claude model name. */
  model?: string;
  /** Prompt tokens of the last request, cache reads and writes included. */
  inputTokens?: number;
  outputTokens?: number;
  contextPercent?: number;
  contextWindow?: number;
  cost?: number;
  tokensPerSecond?: number;
  workDirName?: string;
  gitBranch?: string;
  sessionId?: string;
  version?: string;
  durationMs?: number;
  linesAdded?: number;
  linesRemoved?: number;
}

/** Looks up a model's context window in the config (`Providers[].model_info`). */
export type ContextWindowOf = (provider: string, model: string) => number | undefined;

const known = (n: number | null | undefined): number | undefined => (n === null ? undefined : n);

function lastDirName(dir: string | undefined): string | undefined {
  const parts = dir?.split(/[\\/]+/).filter((p) => p !== "") ?? [];
  return parts.at(-1);
}

function percent(tokens: number | undefined, window: number | undefined): number | undefined {
  return tokens !== undefined && window !== undefined && window > 0 ? (tokens / window) * 100 : undefined;
}

/** With a logged request: its route, its tokens (else Claude Code's, which ccr reported), the routed model's window. */
function fromUsage(usage: SessionUsage, input: StatusInput, windowOf: ContextWindowOf): Partial<StatusData> {
  const parts = [usage.inputTokens, usage.cacheReadTokens, usage.cacheWriteTokens].filter((n) => n !== null);
  const prompt = parts.length === 0 ? input.lastInputTokens : parts.reduce((a, b) => a + b, 0);
  const route = usage.provider !== null && usage.model !== null ? { provider: usage.provider, model: usage.model } : undefined;
  const window = known(usage.contextWindow) ?? (route ? windowOf(route.provider, route.model) : undefined);
  return {
    model: route ? `${route.provider},${route.model}` : input.claudeModel,
    inputTokens: prompt,
    outputTokens: known(usage.outputTokens) ?? input.lastOutputTokens,
    // Claude Code's window and percentage belong to the Claude model it believes it talks to, so they are not used here.
    contextWindow: window,
    contextPercent: percent(prompt, window),
    cost: known(usage.sessionCost),
    tokensPerSecond: known(usage.tokensPerSecond),
  };
}

/** Without a logged request: what Claude Code knows (before its first request it sends a window but no usage). */
function fromInput(input: StatusInput): Partial<StatusData> {
  const used = input.usedPercentage ?? percent(input.lastInputTokens, input.contextWindowSize);
  return {
    model: input.claudeModel,
    inputTokens: input.lastInputTokens,
    outputTokens: input.lastOutputTokens,
    // A window without a share would draw "% of 1M": both or neither.
    contextWindow: used === undefined ? undefined : input.contextWindowSize,
    contextPercent: used,
  };
}

/**
 * True when Claude Code has seen a response the request log does not hold yet (ccr writes the log in batches, Claude
 * Code runs the status line as soon as the answer ends): its last usage differs from the logged one, or nothing is logged.
 */
export function logBehind(input: StatusInput, usage: SessionUsage | undefined): boolean {
  if (input.lastInputTokens === undefined && input.lastOutputTokens === undefined) return false;
  if (usage === undefined) return true;
  const logged = [usage.inputTokens, usage.cacheReadTokens, usage.cacheWriteTokens].reduce<number>((a, b) => a + (b ?? 0), 0);
  const outputDiffers = input.lastOutputTokens !== undefined && usage.outputTokens !== null && usage.outputTokens !== input.lastOutputTokens;
  const inputDiffers = input.lastInputTokens !== undefined && usage.inputTokens !== null && logged !== input.lastInputTokens;
  return outputDiffers || inputDiffers;
}

/**
 * The status: with a logged request, model, tokens, context, cost and speed come from the log; without one, from
 * Claude Code's input. Claude Code's cost estimate (Claude list prices) is never shown as ccr's cost.
 */
export function statusData(input: StatusInput, usage: SessionUsage | undefined, windowOf: ContextWindowOf, gitBranch?: string): StatusData {
  return {
    ...(usage === undefined ? fromInput(input) : fromUsage(usage, input, windowOf)),
    workDirName: lastDirName(input.currentDir),
    gitBranch,
    sessionId: input.sessionId,
    version: input.version,
    durationMs: input.durationMs,
    linesAdded: input.linesAdded,
    linesRemoved: input.linesRemoved,
  };
}
