// OpenRouter `reasoning_details` (conversion spec §1.6, §3): their text, their merged stream fragments, and the
// signature a thinking block built from them carries.
import { SYNTHETIC_SIGNATURE, encodeEnvelope, isEnvelope } from "./envelope.ts";

/** One `reasoning_details` item as sent: `{type, text?, signature?, data?, summary?, index?, format?, …}`. */
export type ReasoningDetail = { type?: string } & Record<string, unknown>;

const CONCATENATED = ["text", "summary", "data"];

function key(detail: ReasoningDetail): string {
  return `${detail.type ?? ""}:${typeof detail.index === "number" ? detail.index : 0}`;
}

/** Concatenated text of the `reasoning.text` items (what a thinking block shows). */
export function reasoningDetailsText(details: readonly ReasoningDetail[] | null | undefined): string {
  let out = "";
  for (const detail of details ?? []) {
    if (detail.type === "reasoning.text" && typeof detail.text === "string") out += detail.text;
  }
  return out;
}

function mergeOne(into: ReasoningDetail, piece: ReasoningDetail): ReasoningDetail {
  const merged: ReasoningDetail = { ...into };
  for (const [name, value] of Object.entries(piece)) {
    const current = merged[name];
    if (CONCATENATED.includes(name) && typeof value === "string") {
      merged[name] = (typeof current === "string" ? current : "") + value;
    } else if (name === "signature") {
      if (typeof value === "string" && value !== "") merged[name] = value;
    } else if (current === undefined || current === null) {
      merged[name] = value;
    }
  }
  return merged;
}

/** Folds streamed fragments into whole items: same type and index ⇒ one item, text/summary/data concatenated,
 * the last non-empty signature kept. Returns a new list. */
export function mergeReasoningDetails(
  acc: readonly ReasoningDetail[],
  incoming: readonly ReasoningDetail[],
): ReasoningDetail[] {
  const out = [...acc];
  for (const piece of incoming) {
    const at = out.findIndex((d) => key(d) === key(piece));
    const existing = at === -1 ? undefined : out[at];
    if (existing === undefined) out.push({ ...piece });
    else out[at] = mergeOne(existing, piece);
  }
  return out;
}

/** A signature Anthropic itself issued (Claude behind OpenRouter), which we keep verbatim. */
function anthropicSignature(details: readonly ReasoningDetail[]): string | undefined {
  let found: string | undefined;
  for (const detail of details) {
    const sig = detail.signature;
    const format = detail.format;
    const fromAnthropic = format === undefined || format === null || (typeof format === "string" && format.startsWith("anthropic"));
    if (detail.type === "reasoning.text" && typeof sig === "string" && sig !== "" && !isEnvelope(sig) && fromAnthropic) {
      found = sig;
    }
  }
  return found;
}

/** The (always non-empty) signature of a thinking block: Anthropic's own, else an `openrouter` envelope carrying the
 * details, else the synthetic envelope. */
export function thinkingSignature(details: readonly ReasoningDetail[]): string {
  const real = anthropicSignature(details);
  if (real !== undefined) return real;
  if (details.length > 0) return encodeEnvelope({ v: 1, p: "openrouter", details: [...details] });
  return SYNTHETIC_SIGNATURE;
}

/** The `data` of a redacted_thinking block for details that carry no readable text (encrypted reasoning). */
export function redactedThinkingData(details: readonly ReasoningDetail[]): string {
  return encodeEnvelope({ v: 1, p: "openrouter", details: [...details] });
}
