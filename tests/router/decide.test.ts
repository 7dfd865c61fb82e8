import { describe, expect, test } from "bun:test";
import { NoRouteError } from "../../src/errors.ts";
import type { MessagesRequest } from "../../src/formats/anthropic.ts";
import { decide } from "../../src/router/decide.ts";
import { countRequestTokens, createTokenCounter } from "../../src/router/tokens.ts";
import type { Scenario } from "../../src/router/types.ts";
import { request } from "../helpers/chat-request.ts";
import { loadCapture, type CaptureName } from "../helpers/load-capture.ts";
import { ALL_SLOTS, DEFAULT_ONLY, decideInput, fakeTokens, IMAGE, mainLoop, to } from "../helpers/decide-input.ts";

const TAG = "<CCR-SUBAGENT-MODEL>sub,agent-model</CCR-SUBAGENT-MODEL>";
const PLAN_FULL =
  "<system-reminder>\nPlan mode is active. The user indicated that they do not want you to execute yet -- you MUST NOT make any edits.\n</system-reminder>";
const PLAN_SPARSE =
  "<system-reminder>\nPlan mode still active (see full instructions earlier in conversation). Read-only except plan file (/tmp/plan.md).\n</system-reminder>";

const PLAN_EXIT = "<system-reminder>\n## Exited Plan Mode\n\nYou have exited plan mode. You can now make edits, run tools, and take actions.\n</system-reminder>";

/** Human turns with short assistant answers between them; a reminder text joins the prompt after it as Claude Code does. */
function humanTurns(texts: string[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] ?? "";
    if (text.startsWith("<system-reminder>")) continue;
    const before = texts[i - 1];
    const content = before?.startsWith("<system-reminder>") ? [{ type: "text", text: before }, { type: "text", text }] : [{ type: "text", text }];
    if (out.length > 0) out.push({ role: "assistant", content: "ok" });
    out.push({ role: "user", content });
  }
  return out;
}

async function scenarioOf(req: MessagesRequest, router = ALL_SLOTS): Promise<Scenario> {
  return (await decide(req, decideInput({ router }))).scenario;
}

describe("decide with real Claude Code 2.1.328 bodies", () => {
  const cases: [CaptureName, Scenario][] = [
    ["cc-print-first-turn", "default"],
    ["cc-tool-result-turn", "default"],
    ["cc-session-title", "background"],
  ];
  for (const [name, expected] of cases) {
    test(`routes ${name} to ${expected} with every Router slot set`, async () => {
      const { body, headers } = loadCapture(name);
      const decision = await decide(body, decideInput({ headers, tokens: createTokenCounter() }));
      expect(decision.scenario).toBe(expected);
      expect(decision.route).toEqual(expected === "default" ? to("dflt") : to("bg"));
      expect(decision.request).toBe(body);
    });
  }

  test("explains the session-title request as a structured-output side request", async () => {
    const decision = await decide(loadCapture("cc-session-title").body, decideInput());
    expect(decision.reason).toBe("background: no tools and output_config.format (session title)");
  });
});

describe("decide rules", () => {
  const table: [string, MessagesRequest, Scenario][] = [
    ["adaptive thinking with medium effort goes to default even when Router.think is set", mainLoop(), "default"],
    ["a provider,model name is explicit", mainLoop({ model: "mock,gpt-big" }), "explicit"],
    ["a haiku model is background", mainLoop({ model: "claude-haiku-4-5-20251001" }), "background"],
    ["a HAIKU model in capitals is background", mainLoop({ model: "Claude-3-5-HAIKU" }), "background"],
    ["a tool-less structured-output request is background", mainLoop({ tools: undefined, output_config: { format: { type: "json_schema" } } }), "background"],
    ["an empty tool list with structured output is background", mainLoop({ tools: [], output_config: { format: { type: "json_schema" } } }), "background"],
    ["structured output with tools is not background", mainLoop({ output_config: { format: { type: "json_schema" } } }), "default"],
    ["a tool-less quota probe with max_tokens 1 is background", request({ max_tokens: 1, messages: [{ role: "user", content: "quota" }] }), "background"],
    ["max_tokens 32 without tools is background", request({ max_tokens: 32 }), "background"],
    ["max_tokens 33 without tools is not background", request({ max_tokens: 33 }), "default"],
    ["max_tokens 1 with tools is not background", mainLoop({ max_tokens: 1 }), "default"],
    ["a web_search server tool is webSearch", mainLoop({ tools: [{ type: "web_search_20250305", name: "web_search" }] }), "webSearch"],
    ["an image in the latest user turn is image", mainLoop({ messages: [{ role: "user", content: [IMAGE, { type: "text", text: "what is this?" }] }] }), "image"],
    [
      "an image inside a tool_result of the latest user turn is image",
      mainLoop({
        messages: [
          { role: "user", content: "look" },
          { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Read", input: { file_path: "/a.png" } }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: [IMAGE] }] },
        ],
      }),
      "image",
    ],
    [
      "an image only in an older user turn is not image",
      mainLoop({
        messages: [
          { role: "user", content: [IMAGE, { type: "text", text: "what is this?" }] },
          { role: "assistant", content: "A cat." },
          { role: "user", content: "thanks" },
        ],
      }),
      "default",
    ],
    ["effort high is think", mainLoop({ output_config: { effort: "high" } }), "think"],
    ["effort max is think", mainLoop({ output_config: { effort: "max" } }), "think"],
    ["thinking enabled with a budget is think", mainLoop({ thinking: { type: "enabled", budget_tokens: 8000 } }), "think"],
    ["thinking enabled without a budget is not think", mainLoop({ thinking: { type: "enabled" } }), "default"],
    ["thinking disabled is not think", mainLoop({ thinking: { type: "disabled" } }), "default"],
    ["the full Plan Mode reminder is think", mainLoop({ messages: [{ role: "user", content: [{ type: "text", text: PLAN_FULL }, { type: "text", text: "plan it" }] }] }), "think"],
    [
      "the sparse Plan Mode reminder beside a tool result is think",
      mainLoop({
        messages: [
          { role: "user", content: "plan it" },
          { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Read", input: {} }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "file" }, { type: "text", text: PLAN_SPARSE }] },
        ],
      }),
      "think",
    ],
    ["a Plan Mode reminder in lower case is think", mainLoop({ messages: [{ role: "user", content: PLAN_FULL.toLowerCase() }] }), "think"],
    [
      "a Plan Mode reminder on the prompt stays think through the tool calls that follow it",
      mainLoop({
        messages: [
          { role: "user", content: [{ type: "text", text: PLAN_FULL }, { type: "text", text: "plan the refactor" }] },
          { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Read", input: {} }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "file" }] },
          { role: "assistant", content: [{ type: "tool_use", id: "t2", name: "Read", input: {} }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "t2", content: "file" }] },
        ],
      }),
      "think",
    ],
    ["Plan Mode stays think for the human turns between its reminders", mainLoop({ messages: humanTurns([PLAN_FULL, "a", "b", "c", "d"]) }), "think"],
    ["a Plan Mode reminder on the 7th latest human turn is still think", mainLoop({ messages: humanTurns([PLAN_FULL, "a", "b", "c", "d", "e", "f", "g"]) }), "think"],
    ["a Plan Mode reminder on the 8th latest human turn is not think", mainLoop({ messages: humanTurns([PLAN_FULL, "a", "b", "c", "d", "e", "f", "g", "h"]) }), "default"],
    ["an exit reminder after the Plan Mode reminder is not think", mainLoop({ messages: humanTurns([PLAN_FULL, "a", PLAN_EXIT, "b"]) }), "default"],
    ["a Plan Mode reminder after an exit reminder is think", mainLoop({ messages: humanTurns([PLAN_EXIT, "a", PLAN_SPARSE, "b"]) }), "think"],
    ["the words Plan mode is active outside a system reminder are not think", mainLoop({ messages: [{ role: "user", content: "Plan mode is active, right?" }] }), "default"],
  ];
  for (const [name, req, expected] of table) {
    test(`${name}`, async () => {
      expect(await scenarioOf(req)).toBe(expected);
    });
  }

  const unset: [string, MessagesRequest][] = [
    ["background", mainLoop({ model: "claude-haiku-4-5" })],
    ["webSearch", mainLoop({ tools: [{ type: "web_search_20250305", name: "web_search" }] })],
    ["image", mainLoop({ messages: [{ role: "user", content: [IMAGE] }] })],
    ["think", mainLoop({ output_config: { effort: "high" } })],
  ];
  for (const [slot, req] of unset) {
    test(`falls to default when Router.${slot} is not set even though the request qualifies for it`, async () => {
      expect(await scenarioOf(req, DEFAULT_ONLY)).toBe("default");
    });
  }

  test("gives each decision a reason naming the rule and the evidence", async () => {
    const reasons = await Promise.all(
      [
        mainLoop({ model: "claude-haiku-4-5" }),
        mainLoop({ tools: [{ type: "web_search_20250305", name: "web_search" }] }),
        mainLoop({ messages: [{ role: "user", content: [IMAGE] }] }),
        mainLoop({ thinking: { type: "enabled", budget_tokens: 8000 } }),
        mainLoop({ output_config: { effort: "high" } }),
        mainLoop({ messages: [{ role: "user", content: PLAN_FULL }] }),
        mainLoop({ model: "mock,gpt-big" }),
        mainLoop(),
      ].map(async (req) => (await decide(req, decideInput())).reason),
    );
    expect(reasons).toEqual([
      'background: model "claude-haiku-4-5" is a haiku model',
      "webSearch: tool web_search_20250305 offered",
      "image: the latest user message carries an image",
      "think: thinking enabled with budget_tokens 8000",
      "think: output_config.effort high",
      "think: Plan Mode is active",
      "explicit: model names provider,model",
      "default: no other rule matched",
    ]);
  });

  test("throws a NoRouteError listing the configured routes when nothing matches and Router.default is unset", async () => {
    const router = { ...DEFAULT_ONLY, default: undefined };
    const failure = decide(mainLoop(), decideInput({ router }));
    await expect(failure).rejects.toBeInstanceOf(NoRouteError);
    await expect(failure).rejects.toThrow('Model "claude-opus-5-5" is not a "provider,model" route and Router.default is not set. Configured routes: mock,gpt-test, mock,gpt-big.');
  });
});

describe("decide rule order", () => {
  const order: [string, MessagesRequest, Scenario, number][] = [
    ["explicit beats subagent", mainLoop({ model: "mock,gpt-big", system: `${TAG}You are an agent.` }), "explicit", 1000],
    ["subagent beats long context", mainLoop({ system: `${TAG}You are an agent.` }), "subagent", 100_000],
    ["long context beats background", mainLoop({ model: "claude-haiku-4-5" }), "longContext", 100_000],
    ["background beats web search", mainLoop({ model: "claude-haiku-4-5", tools: [{ type: "web_search_20250305", name: "web_search" }] }), "background", 10],
    ["web search beats image", mainLoop({ tools: [{ type: "web_search_20250305", name: "web_search" }], messages: [{ role: "user", content: [IMAGE] }] }), "webSearch", 10],
    ["image beats think", mainLoop({ output_config: { effort: "high" }, messages: [{ role: "user", content: [IMAGE] }] }), "image", 10],
    ["think beats default", mainLoop({ output_config: { effort: "high" } }), "think", 10],
  ];
  for (const [name, req, expected, tokens] of order) {
    test(name, async () => {
      expect((await decide(req, decideInput({ tokens: fakeTokens(tokens) }))).scenario).toBe(expected);
    });
  }

  test("an explicit model still strips the subagent tag before the request goes upstream", async () => {
    const decision = await decide(mainLoop({ model: "mock,gpt-big", system: `${TAG}You are an agent.` }), decideInput());
    expect(decision.route).toEqual({ provider: "mock", model: "gpt-big" });
    expect(decision.request.system).toBe("You are an agent.");
  });

  test("a subagent tag routes to the tagged provider,model and names where it was found", async () => {
    const decision = await decide(mainLoop({ system: [{ type: "text", text: "billing" }, { type: "text", text: `${TAG}Agent` }] }), decideInput());
    expect(decision.route).toEqual(to("sub", "agent-model"));
    expect(decision.reason).toBe("subagent: <CCR-SUBAGENT-MODEL> in system[1]");
  });
});

describe("decide long context", () => {
  test("picks longContext when tokens exceed longContextThreshold", async () => {
    const decision = await decide(mainLoop(), decideInput({ tokens: fakeTokens(60001) }));
    expect(decision.scenario).toBe("longContext");
    expect(decision.reason).toBe("longContext: 60001 tokens > 60000");
    expect(decision.tokenCount).toBe(60001);
  });

  test("does not pick longContext at exactly the threshold", async () => {
    expect((await decide(mainLoop(), decideInput({ tokens: fakeTokens(60000) }))).scenario).toBe("default");
  });

  test("compares the real token count of a captured body with the threshold", async () => {
    const body = loadCapture("cc-print-first-turn").body;
    const exact = countRequestTokens(body);
    const over = await decide(body, decideInput({ router: { ...ALL_SLOTS, longContextThreshold: exact - 1 }, tokens: createTokenCounter() }));
    expect(over.scenario).toBe("longContext");
    expect(over.tokenCount).toBe(exact);
    const under = await decide(body, decideInput({ router: { ...ALL_SLOTS, longContextThreshold: exact }, tokens: createTokenCounter() }));
    expect(under.scenario).toBe("default");
  });

  test("counts no tokens when neither a custom router nor Router.longContext needs them", async () => {
    const tokens = fakeTokens(999_999);
    const decision = await decide(mainLoop({ output_config: { effort: "high" } }), decideInput({ router: { ...ALL_SLOTS, longContext: undefined }, tokens }));
    expect(decision.scenario).toBe("think");
    expect(tokens.calls).toBe(0);
    expect(decision.tokenCount).toBeUndefined();
  });

  test("counts no tokens for an explicit or subagent route", async () => {
    const tokens = fakeTokens(999_999);
    await decide(mainLoop({ model: "mock,gpt-big" }), decideInput({ tokens }));
    await decide(mainLoop({ system: `${TAG}x` }), decideInput({ tokens }));
    expect(tokens.calls).toBe(0);
  });
});
