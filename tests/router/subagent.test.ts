import { describe, expect, test } from "bun:test";
import type { MessagesRequest } from "../../src/formats/anthropic.ts";
import { findSubagentTag } from "../../src/router/subagent.ts";
import { loadCapture } from "../helpers/load-capture.ts";
import { mainLoop, to } from "../helpers/decide-input.ts";

const TAG = "<CCR-SUBAGENT-MODEL>sub,agent-model</CCR-SUBAGENT-MODEL>";

/** Finds the tag and checks the input request is unchanged afterwards. */
function findUnmutated(request: MessagesRequest) {
  const before = structuredClone(request);
  const match = findSubagentTag(request);
  expect(request).toEqual(before);
  return match;
}

describe("findSubagentTag", () => {
  test("finds the tag at the start of a later system block of a real Claude Code body and strips it", () => {
    const body = loadCapture("cc-tool-result-turn").body;
    const system = Array.isArray(body.system) ? body.system : [];
    const agentPrompt = system[2]?.text ?? "";
    const tagged = { ...body, system: system.map((b, i) => (i === 2 ? { ...b, text: `${TAG}\n\n${b.text}` } : b)) };
    const match = findUnmutated(tagged);
    expect(match?.route).toEqual(to("sub", "agent-model"));
    expect(match?.where).toBe("system[2]");
    // The whitespace after the tag goes with it, including the prompt's own leading newline.
    expect(match?.request.system).toEqual(system.map((b, i) => (i === 2 ? { ...b, text: agentPrompt.trimStart() } : b)));
  });

  test("strips the tag and the whitespace after it from a string system prompt", () => {
    const match = findUnmutated(mainLoop({ system: `  ${TAG}\n  You are a reviewer.` }));
    expect(match?.request.system).toBe("  You are a reviewer.");
    expect(match?.where).toBe("system");
  });

  test("finds the tag in the first user message's string content", () => {
    const match = findUnmutated(mainLoop({ messages: [{ role: "user", content: `${TAG} Review the diff.` }, { role: "assistant", content: "ok" }] }));
    expect(match?.route).toEqual(to("sub", "agent-model"));
    expect(match?.request.messages[0]?.content).toBe("Review the diff.");
    expect(match?.request.messages[1]?.content).toBe("ok");
  });

  test("finds the tag in a text block of the first user message after Claude Code's system reminder", () => {
    const body = loadCapture("cc-print-first-turn").body;
    const first = body.messages[0];
    if (!first || typeof first.content === "string") throw new Error("the capture's first message has blocks");
    const content = first.content.map((b, i) => (i === 1 && b.type === "text" ? { ...b, text: `${TAG}${b.text}` } : b));
    const tagged = { ...body, messages: [{ ...first, content }, ...body.messages.slice(1)] };
    const match = findUnmutated(tagged);
    expect(match?.where).toBe("the first user message");
    expect(match?.request.messages).toEqual(body.messages);
  });

  test("prefers a tag in the system prompt over one in the first user message", () => {
    const match = findUnmutated(mainLoop({ system: "<CCR-SUBAGENT-MODEL>a,b</CCR-SUBAGENT-MODEL>x", messages: [{ role: "user", content: `${TAG}y` }] }));
    expect(match?.route).toEqual(to("a", "b"));
    expect(match?.request.messages[0]?.content).toBe(`${TAG}y`);
  });

  test("ignores a tag that is not at the start of the text", () => {
    expect(findSubagentTag(mainLoop({ system: `You are a reviewer. ${TAG}` }))).toBeUndefined();
  });

  test("ignores a tag in a later user message", () => {
    const req = mainLoop({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "ok" }, { role: "user", content: `${TAG}x` }] });
    expect(findSubagentTag(req)).toBeUndefined();
  });

  test("ignores a tag whose content is not provider,model", () => {
    expect(findSubagentTag(mainLoop({ system: "<CCR-SUBAGENT-MODEL>deepseek-chat</CCR-SUBAGENT-MODEL>x" }))).toBeUndefined();
  });

  test("finds nothing in the real Claude Code bodies", () => {
    expect(findSubagentTag(loadCapture("cc-print-first-turn").body)).toBeUndefined();
    expect(findSubagentTag(loadCapture("cc-session-title").body)).toBeUndefined();
  });
});
