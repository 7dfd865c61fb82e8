import { describe, expect, test } from "bun:test";
import { decide } from "../../src/router/decide.ts";
import type { CustomRouterContext, CustomRouterFn } from "../../src/router/types.ts";
import { decideInput, fakeTokens, mainLoop, to } from "../helpers/decide-input.ts";

/** Decides `mainLoop()` (a default-route request) with `fn` as the custom router; collects reported errors. */
async function withCustom(fn: CustomRouterFn, timeoutMs = 50) {
  const errors: string[] = [];
  const decision = await decide(
    mainLoop(),
    decideInput({ customRouter: { fn, config: { Router: {} }, timeoutMs }, onCustomRouterError: (m) => errors.push(m), tokens: fakeTokens(1234) }),
  );
  return { decision, errors };
}

describe("decide with a custom router", () => {
  test("uses the provider,model the custom router returns", async () => {
    const { decision, errors } = await withCustom(async () => "deepseek,deepseek-chat");
    expect(decision.scenario).toBe("custom");
    expect(decision.route).toEqual(to("deepseek", "deepseek-chat"));
    expect(decision.reason).toBe("custom: router chose deepseek,deepseek-chat");
    expect(errors).toEqual([]);
  });

  test("accepts a synchronous answer", async () => {
    expect((await withCustom(() => "a,b")).decision.route).toEqual(to("a", "b"));
  });

  test("passes the request, the config and the token count, session id and headers", async () => {
    const seen: { model?: string; config?: unknown; context?: CustomRouterContext } = {};
    const fn: CustomRouterFn = (request, config, context) => {
      seen.model = request.model;
      seen.config = config;
      seen.context = context;
      return null;
    };
    const headers = { "x-app": "cli" };
    const decision = await decide(mainLoop(), decideInput({ customRouter: { fn, config: { PORT: 1 } }, sessionId: "s1", headers, tokens: fakeTokens(777) }));
    expect(seen).toEqual({ model: "claude-opus-5-5", config: { PORT: 1 }, context: { tokenCount: 777, sessionId: "s1", headers } });
    expect(decision.tokenCount).toBe(777);
  });

  for (const [name, answer] of [["null", null], ["undefined", undefined], ["an empty string", ""]] as const) {
    test(`falls through to the built-in rules silently when it returns ${name}`, async () => {
      const { decision, errors } = await withCustom(() => answer);
      expect(decision.scenario).toBe("default");
      expect(errors).toEqual([]);
    });
  }

  test("falls through and reports the message when it throws", async () => {
    const { decision, errors } = await withCustom(async () => {
      throw new Error("boom");
    });
    expect(decision.scenario).toBe("default");
    expect(errors).toEqual(["custom router threw: boom"]);
  });

  test("falls through and reports a synchronous throw", async () => {
    const { decision, errors } = await withCustom(() => {
      throw new TypeError("x is undefined");
    });
    expect(decision.scenario).toBe("default");
    expect(errors).toEqual(["custom router threw: x is undefined"]);
  });

  test("falls through and reports a timeout when it does not answer in time", async () => {
    const { decision, errors } = await withCustom(() => new Promise<string>(() => {}), 50);
    expect(decision.scenario).toBe("default");
    expect(errors).toEqual(["custom router did not answer within 50 ms"]);
  });

  test("falls through and says what it returned when the answer is not provider,model", async () => {
    const garbage: unknown[] = ["deepseek-chat", 42, { provider: "a" }];
    const reported: string[] = [];
    for (const value of garbage) {
      // A user's JavaScript module can return anything; the type only states the contract.
      const { decision, errors } = await withCustom(() => value as string);
      expect(decision.scenario).toBe("default");
      reported.push(...errors);
    }
    expect(reported).toEqual([
      'custom router returned "deepseek-chat", expected "provider,model", null or undefined',
      'custom router returned 42, expected "provider,model", null or undefined',
      'custom router returned an object, expected "provider,model", null or undefined',
    ]);
  });

  test("runs after the explicit and subagent rules, so it is not asked for those", async () => {
    let calls = 0;
    const customRouter = { fn: () => (calls++, "a,b"), config: {} };
    const explicit = await decide(mainLoop({ model: "mock,gpt-big" }), decideInput({ customRouter }));
    const subagent = await decide(mainLoop({ system: "<CCR-SUBAGENT-MODEL>s,m</CCR-SUBAGENT-MODEL>hi" }), decideInput({ customRouter }));
    expect([explicit.scenario, subagent.scenario, calls]).toEqual(["explicit", "subagent", 0]);
  });

  test("beats the long-context rule", async () => {
    const decision = await decide(mainLoop(), decideInput({ customRouter: { fn: () => "a,b", config: {} }, tokens: fakeTokens(500_000) }));
    expect(decision.scenario).toBe("custom");
  });
});
