// Builders for routing tests: a Router with every slot set, a fake token counter, and Claude Code–shaped requests.
import { emptySlots } from "../../src/config/compile-routes.ts";
import type { Route, RouterSlots } from "../../src/config/compiled.ts";
import type { MessagesRequest } from "../../src/formats/anthropic.ts";
import type { DecideInput } from "../../src/router/decide.ts";
import type { TokenCounter } from "../../src/router/tokens.ts";
import { request } from "./chat-request.ts";
import { compiledConfig } from "./compiled-config.ts";

export function to(provider: string, model = "m"): Route {
  return { provider, model };
}

/** Every slot set, each to a distinct provider named after its slot. */
export const ALL_SLOTS: RouterSlots = {
  default: to("dflt"),
  background: to("bg"),
  think: to("think"),
  longContext: to("long"),
  longContextThreshold: 60000,
  webSearch: to("web"),
  image: to("img"),
};

/** Only `Router.default` set. */
export const DEFAULT_ONLY: RouterSlots = { ...emptySlots(), default: to("dflt") };

/** A counter that always answers `tokens` and records how often it was asked. */
export function fakeTokens(tokens: number): TokenCounter & { calls: number } {
  const counter = {
    calls: 0,
    count: () => {
      counter.calls++;
      return tokens;
    },
  };
  return counter;
}

export function decideInput(overrides: Partial<DecideInput> = {}): DecideInput {
  return { router: ALL_SLOTS, providers: compiledConfig().providers, sessionId: undefined, headers: {}, tokens: fakeTokens(1000), ...overrides };
}

const BASH = { name: "Bash", description: "Run a command", input_schema: { type: "object", properties: { command: { type: "string" } } } };

/** A main-loop request as Claude Code 2.1.x sends it (tools, adaptive thinking, medium effort), plus overrides. */
export function mainLoop(fields: Record<string, unknown> = {}): MessagesRequest {
  return request({
    model: "claude-opus-5-5",
    max_tokens: 128000,
    tools: [BASH],
    thinking: { type: "adaptive", display: "updates" },
    output_config: { effort: "medium" },
    ...fields,
  });
}

export const IMAGE = { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } };
