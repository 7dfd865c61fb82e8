// What a failed upstream read says: a timeout or a lost connection, without runtime hints meant for developers.
import type { AnthropicErrorType } from "../errors.ts";

/** The first sentence of a network error, e.g. `ECONNRESET: The socket connection was closed unexpectedly`. */
export function networkMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const cut = text.indexOf(" For more information");
  return (cut === -1 ? text : text.slice(0, cut)).replace(/[.\s]+$/, "");
}

/** The Anthropic error for an upstream body that stopped: silent past the timeout, or cut. */
export function upstreamFailure(err: unknown, timedOut: boolean, timeoutMs: number): { type: AnthropicErrorType; message: string } {
  if (timedOut) return { type: "timeout_error", message: `upstream sent nothing for ${timeoutMs} ms` };
  return { type: "api_error", message: `upstream connection lost: ${networkMessage(err)}` };
}
