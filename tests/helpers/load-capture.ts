// Real Claude Code 2.1.328 requests (anonymised captures): the body, parsed by the real schema, and the headers.
import { join } from "node:path";
import * as v from "valibot";
import { MessagesRequestSchema, type MessagesRequest } from "../../src/formats/anthropic.ts";
import { readFixtureJson } from "./golden.ts";

const DIR = join(import.meta.dir, "../fixtures/providers/openai-chat");

/** The captures kept as fixtures: print-mode first turn, TUI tool-result turn, TUI session-title side request. */
export type CaptureName = "cc-print-first-turn" | "cc-tool-result-turn" | "cc-session-title";

export interface Capture {
  headers: Record<string, string>;
  body: MessagesRequest;
}

const CaptureSchema = v.looseObject({ headers: v.record(v.string(), v.string()), body: MessagesRequestSchema });

/** A capture file `{ _comment, method, path, headers, body }`, validated. */
export function loadCapture(name: CaptureName): Capture {
  const capture = v.parse(CaptureSchema, readFixtureJson(join(DIR, name, "request.json")));
  return { headers: capture.headers, body: capture.body };
}
