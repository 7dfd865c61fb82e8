// Picks the route for one request: the rules in order, first match wins. Pure apart from awaiting a custom router.
import type { CompiledConfig, Route, RouterSlots } from "../config/compiled.ts";
import type { MessagesRequest } from "../formats/anthropic.ts";
import { backgroundReason } from "./background.ts";
import { askCustomRouter, type CustomRouter } from "./custom-router.ts";
import { latestUserHasImage } from "./image.ts";
import { missingDefaultRoute, parseRoute } from "./route.ts";
import { findSubagentTag } from "./subagent.ts";
import { thinkReason } from "./think.ts";
import type { TokenCounter } from "./tokens.ts";
import type { Decision, Scenario } from "./types.ts";
import { webSearchTool } from "./web-search.ts";

/** Everything `decide` reads besides the request. */
export interface DecideInput {
  /** The Router, already merged with project and session overrides. */
  router: RouterSlots;
  /** For the "no route" message. */
  providers: CompiledConfig["providers"];
  sessionId: string | undefined;
  headers: Readonly<Record<string, string>>;
  customRouter?: CustomRouter;
  tokens: TokenCounter;
  /** Called when the custom router throws, times out or answers garbage (the caller logs each distinct message once). */
  onCustomRouterError?: (message: string) => void;
}

interface Match {
  scenario: Scenario;
  route: Route;
  reason: string;
}

type Rule = (request: MessagesRequest, slots: RouterSlots, tokenCount: () => number) => Match | undefined;

const longContext: Rule = (_request, slots, tokenCount) => {
  if (!slots.longContext) return undefined;
  const tokens = tokenCount();
  if (tokens <= slots.longContextThreshold) return undefined;
  return { scenario: "longContext", route: slots.longContext, reason: `longContext: ${tokens} tokens > ${slots.longContextThreshold}` };
};

const background: Rule = (request, slots) => {
  if (!slots.background) return undefined;
  const why = backgroundReason(request);
  return why ? { scenario: "background", route: slots.background, reason: `background: ${why}` } : undefined;
};

const webSearch: Rule = (request, slots) => {
  if (!slots.webSearch) return undefined;
  const tool = webSearchTool(request);
  return tool ? { scenario: "webSearch", route: slots.webSearch, reason: `webSearch: tool ${tool} offered` } : undefined;
};

const image: Rule = (request, slots) =>
  slots.image && latestUserHasImage(request)
    ? { scenario: "image", route: slots.image, reason: "image: the latest user message carries an image" }
    : undefined;

const think: Rule = (request, slots) => {
  if (!slots.think) return undefined;
  const why = thinkReason(request);
  return why ? { scenario: "think", route: slots.think, reason: `think: ${why}` } : undefined;
};

const fallback: Rule = (_request, slots) =>
  slots.default ? { scenario: "default", route: slots.default, reason: "default: no other rule matched" } : undefined;

/** Rules 4-9, in order; the slot is checked before the request, so unset slots cost nothing. */
const BUILT_IN: readonly Rule[] = [longContext, background, webSearch, image, think, fallback];

/**
 * The route for `request`: explicit `provider,model` > subagent tag > custom router > longContext > background >
 * webSearch > image > think > default. Throws NoRouteError when nothing matches and `Router.default` is unset.
 * Tokens are counted only when the custom router or the longContext rule needs them.
 */
export async function decide(request: MessagesRequest, input: DecideInput): Promise<Decision> {
  let counted: number | undefined;
  const tokenCount = (): number => (counted ??= input.tokens.count(request));
  const decision = (match: Match, sent: MessagesRequest = request): Decision => ({ ...match, request: sent, tokenCount: counted });

  const subagent = findSubagentTag(request);
  const explicit = parseRoute(request.model);
  if (explicit) {
    // The subagent tag loses to an explicit model but is still routing metadata, never prompt text.
    return decision({ scenario: "explicit", route: explicit, reason: "explicit: model names provider,model" }, subagent?.request);
  }
  if (subagent) {
    const reason = `subagent: <CCR-SUBAGENT-MODEL> in ${subagent.where}`;
    return decision({ scenario: "subagent", route: subagent.route, reason }, subagent.request);
  }
  if (input.customRouter) {
    const context = { tokenCount: tokenCount(), sessionId: input.sessionId, headers: input.headers };
    const custom = await askCustomRouter(request, input.customRouter, context, input.onCustomRouterError);
    if (custom) return decision({ scenario: "custom", route: custom, reason: `custom: router chose ${custom.provider},${custom.model}` });
  }
  for (const rule of BUILT_IN) {
    const match = rule(request, input.router, tokenCount);
    if (match) return decision(match);
  }
  throw missingDefaultRoute({ providers: input.providers }, request.model);
}
