// Shared vocabulary of routing decisions.
import type { Route, RouteSlot, RouterSlots } from "../config/compiled.ts";
import type { MessagesRequest } from "../formats/anthropic.ts";

/** Which rule chose the route. `explicit`, `subagent` and `custom` count as the `default` slot for fallback. */
export type Scenario = "explicit" | "subagent" | "custom" | "longContext" | "background" | "webSearch" | "image" | "think" | "default";

/** The outcome of routing: the route, the rule, a human reason for logs and `x-ccr-route`, and the request to send on. */
export interface Decision {
  scenario: Scenario;
  route: Route;
  /** e.g. `longContext: 73412 tokens > 60000`. */
  reason: string;
  /** The request as it goes upstream (the subagent tag removed); the input request is never mutated. */
  request: MessagesRequest;
  /** Input tokens, when a rule had to count them. */
  tokenCount: number | undefined;
}

/** Facts a custom router receives as its third argument. */
export interface CustomRouterContext {
  tokenCount: number;
  sessionId: string | undefined;
  headers: Readonly<Record<string, string>>;
}

/** A user's `CUSTOM_ROUTER_PATH` module function: `"provider,model"`, or null/undefined to fall through. */
export type CustomRouterFn = (
  request: MessagesRequest,
  config: unknown,
  context: CustomRouterContext,
) => Promise<string | null | undefined> | string | null | undefined;

/** A project or session `Router` override: only the keys it sets replace the global ones. */
export type RouterOverride = Partial<RouterSlots>;

/** The fallback slot of a scenario. */
export function slotOf(scenario: Scenario): RouteSlot {
  switch (scenario) {
    case "longContext":
    case "background":
    case "webSearch":
    case "image":
    case "think":
      return scenario;
    default:
      return "default";
  }
}
