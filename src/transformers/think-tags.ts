// Turns reasoning a model writes inline as `<tag>…</tag>` at the start of its text into thinking blocks, over Anthropic
// stream events (used by `extrathinktag` and `forcereasoning`). Tags split across chunks are held back until complete.
import type { BlockStart, StreamEvent } from "../formats/anthropic.ts";
import { SYNTHETIC_SIGNATURE } from "../providers/envelope.ts";
import { streamState } from "./stream-state.ts";
import type { TransformContext } from "./transformer.ts";

interface TagState {
  /** Next output block index; blocks are renumbered because one text block may become several. */
  nextOut: number;
  /** Upstream index → output index of blocks passed through (tool_use, thinking, ...). */
  map: Map<number, number>;
  /** The upstream text block being split, if one is open. */
  text: { upstream: number; thinking: boolean; pending: string; visible: boolean } | undefined;
  /** The output block this splitter has open. */
  open: { index: number; kind: "text" | "thinking" } | undefined;
}

function closeOpen(s: TagState): StreamEvent[] {
  const open = s.open;
  if (open === undefined) return [];
  s.open = undefined;
  const signature: StreamEvent[] =
    open.kind === "thinking" ? [{ type: "content_block_delta", index: open.index, delta: { type: "signature_delta", signature: SYNTHETIC_SIGNATURE } }] : [];
  return [...signature, { type: "content_block_stop", index: open.index }];
}

function emit(s: TagState, kind: "text" | "thinking", content: string): StreamEvent[] {
  if (content === "") return [];
  const out: StreamEvent[] = [];
  if (s.open?.kind !== kind) {
    out.push(...closeOpen(s));
    s.open = { index: s.nextOut++, kind };
    const block: BlockStart = kind === "text" ? { type: "text", text: "" } : { type: "thinking", thinking: "", signature: "" };
    out.push({ type: "content_block_start", index: s.open.index, content_block: block });
  }
  const index = s.open.index;
  out.push({ type: "content_block_delta", index, delta: kind === "text" ? { type: "text_delta", text: content } : { type: "thinking_delta", thinking: content } });
  return out;
}

/** Length of the longest end of `text` that could be the start of `tag`. */
function partialTagLength(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (tag.startsWith(text.slice(text.length - n))) return n;
  return 0;
}

function feed(s: TagState, chunk: string, open: string, close: string): StreamEvent[] {
  const t = s.text;
  if (t === undefined) return [];
  let buf = t.pending + chunk;
  t.pending = "";
  const out: StreamEvent[] = [];
  while (buf !== "") {
    if (t.thinking) {
      const at = buf.indexOf(close);
      const hold = at >= 0 ? 0 : partialTagLength(buf, close);
      out.push(...emit(s, "thinking", buf.slice(0, at >= 0 ? at : buf.length - hold)));
      if (at < 0) {
        t.pending = buf.slice(buf.length - hold);
        return out;
      }
      out.push(...closeOpen(s));
      Object.assign(t, { thinking: false, visible: false });
      buf = buf.slice(at + close.length);
    } else if (t.visible) {
      return [...out, ...emit(s, "text", buf)];
    } else {
      // Before any visible text: whitespace is held, an opening tag starts thinking, anything else is plain text.
      const rest = buf.trimStart();
      if (rest.startsWith(open)) {
        t.thinking = true;
        buf = rest.slice(open.length);
      } else if (rest === "" || open.startsWith(rest)) {
        t.pending = buf;
        return out;
      } else {
        t.visible = true;
        buf = rest;
      }
    }
  }
  return out;
}

function step(s: TagState, e: StreamEvent, open: string, close: string): StreamEvent[] {
  if (e.type === "content_block_start" && e.content_block.type === "text") {
    s.text = { upstream: e.index, thinking: false, pending: "", visible: false };
    return [];
  }
  const t = s.text;
  if (t !== undefined && e.type === "content_block_delta" && e.index === t.upstream) {
    return e.delta.type === "text_delta" ? feed(s, e.delta.text, open, close) : [];
  }
  if (t !== undefined && e.type === "content_block_stop" && e.index === t.upstream) {
    s.text = undefined;
    // Unfinished thinking stays thinking; held-back whitespace before any text is dropped, a partial tag is text.
    const rest = t.thinking ? emit(s, "thinking", t.pending) : emit(s, "text", t.visible ? t.pending : t.pending.trimStart());
    return [...rest, ...closeOpen(s)];
  }
  if (e.type === "content_block_start") {
    s.map.set(e.index, s.nextOut);
    return [{ ...e, index: s.nextOut++ }];
  }
  if (e.type === "content_block_delta" || e.type === "content_block_stop") return [{ ...e, index: s.map.get(e.index) ?? e.index }];
  return [e];
}

/** An `events` hook that splits `<open>…<close>` at the start of text blocks into thinking blocks. */
export function thinkTagEvents(open: string, close: string): (events: StreamEvent[], ctx: TransformContext) => StreamEvent[] {
  const state = streamState<TagState>(() => ({ nextOut: 0, map: new Map(), text: undefined, open: undefined }));
  return (events, ctx) => {
    const s = state(ctx, events);
    return events.flatMap((e) => step(s, e, open, close));
  };
}
