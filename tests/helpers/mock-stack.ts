// One scripted OpenAI upstream + in-process ccr routing to it + an Anthropic SDK client, for server tests.
import Anthropic from "@anthropic-ai/sdk";
import { startCcr, type RunningCcr } from "./ccr-server.ts";
import { asRecord } from "./openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream, type UpstreamScript } from "./openai-upstream.ts";

export interface MockStack {
  /** SDK client for ccr, `maxRetries: 0` so error tests see the first answer. */
  client: Anthropic;
  upstream: OpenAiUpstream;
  ccr: RunningCcr;
  stop(): Promise<void>;
}

/** The routes the stack's config declares. */
export const MOCK_ROUTES = ["mock,gpt-test", "mock,gpt-other"];

/** Starts the upstream and ccr (provider `mock`, `Router.default = "mock,gpt-test"`); `extraConfig` adds top-level keys. */
export async function startMockStack(script: UpstreamScript, extraConfig: Record<string, unknown> = {}): Promise<MockStack> {
  const upstream = startOpenAiUpstream(script);
  const ccr = await startCcr({
    Providers: [{ name: "mock", api_base_url: upstream.chatUrl, api_key: "sk-mock-upstream", models: ["gpt-test", "gpt-other"] }],
    Router: { default: "mock,gpt-test" },
    ...extraConfig,
  }).catch(async (err: unknown) => {
    await upstream.stop();
    throw err;
  });
  const client = new Anthropic({ baseURL: ccr.url, apiKey: "x", maxRetries: 0 });
  return {
    client,
    upstream,
    ccr,
    async stop() {
      await ccr.stop();
      await upstream.stop();
    },
  };
}

/** A minimal Claude-Code-like request body (the router's default route takes it). */
export const baseRequest = {
  model: "claude-opus-5-5",
  max_tokens: 1024,
  messages: [{ role: "user" as const, content: "Say hello" }],
};

export type Outcome = { state: "resolved"; value: unknown } | { state: "rejected"; error: unknown } | { state: "hung" };

/** Settles `promise` or reports that it hung for `ms`. */
export function within(promise: Promise<unknown>, ms: number): Promise<Outcome> {
  return Promise.race([
    promise.then(
      (value): Outcome => ({ state: "resolved", value }),
      (error: unknown): Outcome => ({ state: "rejected", error }),
    ),
    Bun.sleep(ms).then((): Outcome => ({ state: "hung" })),
  ]);
}

/** The error `promise` rejects with; fails the test if it resolves or hangs for 10 s. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await within(promise, 10_000);
  if (outcome.state !== "rejected") throw new Error(`expected the call to fail, it ${outcome.state}`);
  return outcome.error;
}

/** The `error` object of the Anthropic error body the SDK parsed off an APIError (HTTP or in-stream). */
export function errorBody(err: unknown): { type?: unknown; message?: unknown } {
  const body = err instanceof Anthropic.APIError ? asRecord(err.error) : undefined;
  return asRecord(body?.error) ?? {};
}
