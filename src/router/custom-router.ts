// Runs the user's `CUSTOM_ROUTER_PATH` function, bounded in time; any failure falls through to the built-in rules.
import type { Route } from "../config/compiled.ts";
import { describeError } from "../errors.ts";
import type { MessagesRequest } from "../formats/anthropic.ts";
import { parseRoute } from "./route.ts";
import type { CustomRouterContext, CustomRouterFn } from "./types.ts";

/** How long a custom router may take before the built-in rules decide instead. */
export const DEFAULT_CUSTOM_ROUTER_TIMEOUT_MS = 2000;

/** A loaded custom router: the function, the config it receives, and its time bound. */
export interface CustomRouter {
  fn: CustomRouterFn;
  config: unknown;
  /** Default 2000 ms. */
  timeoutMs?: number;
}

class CustomRouterTimeout extends Error {}

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

/** Calls the router and waits at most `ms`; the timer is cleared whichever way the race ends. */
async function callWithin(router: CustomRouter, request: MessagesRequest, context: CustomRouterContext, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CustomRouterTimeout(`custom router did not answer within ${ms} ms`)), ms);
  });
  try {
    // Wrapped in an async call so a synchronous throw becomes a rejection like any other.
    const answer = (async () => router.fn(request, router.config, context))();
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The route the custom router picked, or undefined to continue with the built-in rules: null, undefined and "" fall
 * through silently; a throw, a timeout or anything that is not `"provider,model"` falls through via `onError`.
 */
export async function askCustomRouter(
  request: MessagesRequest,
  router: CustomRouter,
  context: CustomRouterContext,
  onError: ((message: string) => void) | undefined,
): Promise<Route | undefined> {
  const ms = router.timeoutMs ?? DEFAULT_CUSTOM_ROUTER_TIMEOUT_MS;
  let value: unknown;
  try {
    value = await callWithin(router, request, context, ms);
  } catch (err) {
    onError?.(err instanceof CustomRouterTimeout ? err.message : `custom router threw: ${describeError(err)}`);
    return undefined;
  }
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return undefined;
  const route = typeof value === "string" ? parseRoute(value) : undefined;
  if (!route) onError?.(`custom router returned ${describeValue(value)}, expected "provider,model", null or undefined`);
  return route;
}
