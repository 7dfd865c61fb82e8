import { describe, expect, test } from "bun:test";
import { countTokens } from "gpt-tokenizer/encoding/cl100k_base";
import type { MessageParam, MessagesRequest } from "../../src/formats/anthropic.ts";
import { countRequestTokens, createTokenCounter } from "../../src/router/tokens.ts";
import { loadCapture, type CaptureName } from "../helpers/load-capture.ts";
import { mainLoop } from "../helpers/decide-input.ts";

/** The real tokenizer, with every text it was asked to tokenize recorded. */
function recordingTokenizer() {
  const seen: string[] = [];
  return {
    seen,
    tokenize: (text: string) => {
      seen.push(text);
      return countTokens(text);
    },
  };
}

function withTurn(request: MessagesRequest, n: number): MessagesRequest {
  const turn: MessageParam[] = [
    { role: "assistant", content: [{ type: "text", text: `Step ${n} done.` }] },
    { role: "user", content: [{ type: "text", text: `Now do step ${n + 1} of the plan, please.` }] },
  ];
  return { ...request, messages: [...request.messages, ...turn] };
}

describe("createTokenCounter", () => {
  const captures: CaptureName[] = ["cc-print-first-turn", "cc-tool-result-turn", "cc-session-title"];
  for (const name of captures) {
    test(`counts ${name} exactly like countRequestTokens`, () => {
      const body = loadCapture(name).body;
      const counter = createTokenCounter();
      expect(counter.count(body)).toBe(countRequestTokens(body));
      expect(counter.count(body)).toBe(countRequestTokens(body));
    });
  }

  test("tokenizes only the new turn when a conversation is re-sent with one more turn", () => {
    const { seen, tokenize } = recordingTokenizer();
    const counter = createTokenCounter({ tokenize });
    const body = loadCapture("cc-tool-result-turn").body;
    counter.count(structuredClone(body));
    seen.length = 0;
    const next = withTurn(structuredClone(body), 1);
    expect(counter.count(next)).toBe(countRequestTokens(next));
    expect(seen).toEqual(["Step 1 done.", "Now do step 2 of the plan, please."]);
  });

  test("reports memo hits for the system prompt, every earlier message and every tool", () => {
    const counter = createTokenCounter();
    const body = loadCapture("cc-tool-result-turn").body;
    counter.count(body);
    const cold = counter.stats();
    counter.count(withTurn(body, 1));
    const warm = counter.stats();
    const parts = 1 + body.messages.length + (body.tools?.length ?? 0);
    expect(cold).toEqual({ hits: 0, misses: parts, entries: parts });
    expect(warm.hits - cold.hits).toBe(parts);
    expect(warm.misses - cold.misses).toBe(2);
  });

  test("recounts a message whose text grew in the middle while its start and end stayed the same", () => {
    const { seen, tokenize } = recordingTokenizer();
    const counter = createTokenCounter({ tokenize });
    const long = (middle: string) => mainLoop({ tools: [], messages: [{ role: "user", content: `${"a".repeat(40)}${middle}${"z".repeat(40)}` }] });
    counter.count(long("middle"));
    counter.count(long("middle and more"));
    expect(seen.filter((t) => t.includes("middle"))).toHaveLength(2);
  });

  test("recounts a tool_use whose input changed", () => {
    const counter = createTokenCounter();
    const call = (command: string) =>
      mainLoop({ tools: [], messages: [{ role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Bash", input: { command } }] }] });
    expect(counter.count(call("ls"))).toBe(countRequestTokens(call("ls")));
    const longer = call("ls -la /home/user/project/src/router && echo done");
    expect(counter.count(longer)).toBe(countRequestTokens(longer));
  });

  test("keeps at most maxEntries memo entries, evicting the least recently used", () => {
    const { seen, tokenize } = recordingTokenizer();
    const counter = createTokenCounter({ maxEntries: 2, tokenize });
    const one = (text: string) => mainLoop({ tools: [], messages: [{ role: "user", content: text }] });
    counter.count(one("first"));
    counter.count(one("second"));
    counter.count(one("first"));
    counter.count(one("third"));
    expect(counter.stats().entries).toBe(2);
    seen.length = 0;
    counter.count(one("first"));
    counter.count(one("second"));
    expect(seen).toEqual(["second"]);
  });
});
