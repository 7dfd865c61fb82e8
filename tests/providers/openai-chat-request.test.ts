import { describe, expect, test } from "bun:test";
import type { ChatToolChoice } from "../../src/formats/openai-chat.ts";
import { toOpenAiChat } from "../../src/providers/openai-chat-request.ts";
import { chatBody, convert, request, target } from "../helpers/chat-request.ts";

const schema = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { path: { type: "string" } }, additionalProperties: false };
const readTool = { name: "Read", description: "Reads a file", input_schema: schema };
const bashTool = { name: "Bash", input_schema: { type: "object", properties: {} } };

function undefinedPaths(value: unknown, path = "body"): string[] {
  if (value === undefined) return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => undefinedPaths(item, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([key, item]) => undefinedPaths(item, `${path}.${key}`));
  return [];
}

describe("toOpenAiChat top level", () => {
  test("asks for the routed model, not the one Claude Code named", () => {
    expect(chatBody({ model: "claude-opus-5-5" }).model).toBe("gpt-test");
  });

  test("clamps max_tokens to the profile's model limit", () => {
    expect(chatBody({ max_tokens: 128000 }, { maxOutputTokens: 8192 }).max_tokens).toBe(8192);
    expect(chatBody({ max_tokens: 1000 }, { maxOutputTokens: 8192 }).max_tokens).toBe(1000);
    expect(chatBody({ max_tokens: 128000 }).max_tokens).toBe(128000);
  });

  test("names the output cap max_completion_tokens when the profile says so", () => {
    const body = chatBody({ max_tokens: 128000 }, { maxTokensField: "max_completion_tokens", maxOutputTokens: 100000 });
    expect(body.max_completion_tokens).toBe(100000);
    expect(body).not.toHaveProperty("max_tokens");
  });

  test("copies temperature and top_p and drops top_k by default", () => {
    const body = chatBody({ temperature: 0.2, top_p: 0.9, top_k: 40 });
    expect(body).toMatchObject({ temperature: 0.2, top_p: 0.9 });
    expect(body).not.toHaveProperty("top_k");
  });

  test("drops temperature and top_p when the profile drops sampling", () => {
    const body = chatBody({ temperature: 0.2, top_p: 0.9 }, { sampling: "drop" });
    expect(body).not.toHaveProperty("temperature");
    expect(body).not.toHaveProperty("top_p");
  });

  test("forwards top_k when the profile keeps it", () => {
    expect(chatBody({ top_k: 40 }, { topK: "keep" }).top_k).toBe(40);
  });

  test("sends stop_sequences as stop, truncated to the profile's stop limit", () => {
    expect(chatBody({ stop_sequences: ["a", "b", "c", "d", "e"] }).stop).toEqual(["a", "b", "c", "d"]);
    expect(chatBody({ stop_sequences: ["a", "b", "c"] }, { stopLimit: 2 }).stop).toEqual(["a", "b"]);
    expect(chatBody({ stop_sequences: [] })).not.toHaveProperty("stop");
  });

  test("asks for usage in streams and leaves stream out when the client did not say", () => {
    expect(chatBody({ stream: true })).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const off = chatBody({ stream: false });
    expect(off.stream).toBe(false);
    expect(off).not.toHaveProperty("stream_options");
    expect(chatBody({})).not.toHaveProperty("stream");
  });

  test("forwards neither metadata nor Anthropic-only or unknown top-level fields", () => {
    const body = chatBody({
      metadata: { user_id: '{"device_id":"d","session_id":"s"}' },
      context_management: { edits: [] },
      container: "c",
      service_tier: "auto",
      mcp_servers: [],
      some_future_field: true,
    });
    expect(Object.keys(body).sort()).toEqual(["max_tokens", "messages", "model"]);
  });

  test("emits no undefined values anywhere in a busy request", () => {
    const body = chatBody({
      system: [{ type: "text", text: "S" }],
      messages: [
        { role: "user", content: "go" },
        { role: "assistant", content: [{ type: "thinking", thinking: "t", signature: "sig" }, { type: "tool_use", id: "c1", name: "Read", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "c1" }] },
      ],
      tools: [readTool, bashTool],
      tool_choice: { type: "auto" },
      thinking: { type: "adaptive" },
      stream: true,
    }, { reasoningParam: "qwen", reasoningReplay: "reasoning_content" });
    expect(undefinedPaths(body)).toEqual([]);
  });

  test("does not change the request it converts", () => {
    const input = request({
      system: [{ type: "text", text: "x-anthropic-billing-header: a;" }, { type: "text", text: "S" }],
      messages: [{ role: "user", content: "go" }, { role: "system", content: "env" }],
      tools: [readTool],
    });
    const before = structuredClone(input);
    toOpenAiChat(input, target({ structuredOutput: "json_object" }));
    expect(input).toEqual(before);
  });
});

describe("toOpenAiChat tools", () => {
  test("converts tools to functions without $schema and without an absent description", () => {
    expect(chatBody({ tools: [readTool, bashTool] }).tools).toEqual([
      { type: "function", function: { name: "Read", description: "Reads a file", parameters: { type: "object", properties: { path: { type: "string" } }, additionalProperties: false } } },
      { type: "function", function: { name: "Bash", parameters: { type: "object", properties: {} } } },
    ]);
  });

  test("drops deferred-loading placeholders, server tools and tool cache_control", () => {
    const tools = [
      { ...readTool, cache_control: { type: "ephemeral" } },
      { name: "DeferredToolPlaceholder", description: "never call", input_schema: { type: "object", properties: {} }, defer_loading: true },
      { type: "web_search_20250305", name: "web_search", max_uses: 5 },
    ];
    const body = chatBody({ tools });
    expect(body.tools?.map((tool) => tool.function.name)).toEqual(["Read"]);
    expect(JSON.stringify(body.tools)).not.toContain("cache_control");
  });

  test("omits tools, tool_choice and parallel_tool_calls when no tool survives", () => {
    const body = chatBody({ tools: [{ type: "web_search_20250305", name: "web_search" }], tool_choice: { type: "any", disable_parallel_tool_use: true } });
    expect(body).not.toHaveProperty("tools");
    expect(body).not.toHaveProperty("tool_choice");
    expect(body).not.toHaveProperty("parallel_tool_calls");
  });

  const choices: [Record<string, unknown>, ChatToolChoice][] = [
    [{ type: "auto" }, "auto"],
    [{ type: "any" }, "required"],
    [{ type: "none" }, "none"],
    [{ type: "tool", name: "Read" }, { type: "function", function: { name: "Read" } }],
  ];
  test.each(choices)("maps tool_choice %j to %j", (toolChoice, expected) => {
    const body = chatBody({ tools: [readTool], tool_choice: toolChoice });
    expect(body.tool_choice).toEqual(expected);
    expect(body).not.toHaveProperty("parallel_tool_calls");
  });

  test("sends parallel_tool_calls false when parallel tool use is disabled", () => {
    for (const type of ["auto", "any"]) {
      expect(chatBody({ tools: [readTool], tool_choice: { type, disable_parallel_tool_use: true } }).parallel_tool_calls).toBe(false);
    }
    const named = chatBody({ tools: [readTool], tool_choice: { type: "tool", name: "Read", disable_parallel_tool_use: true } });
    expect(named).toMatchObject({ tool_choice: { type: "function", function: { name: "Read" } }, parallel_tool_calls: false });
  });

  test("drops tool_choice for models that reject it but keeps the parallel flag", () => {
    const body = chatBody({ tools: [readTool], tool_choice: { type: "any", disable_parallel_tool_use: true } }, { dropToolChoice: true });
    expect(body).not.toHaveProperty("tool_choice");
    expect(body.parallel_tool_calls).toBe(false);
  });

  test("sanitizes tool names everywhere and maps every sent name back to the original", () => {
    const long = `mcp__${"x".repeat(70)}`;
    const wire = convert(
      request({
        tools: [{ name: "mcp__srv__do.it", input_schema: schema }, { name: long, input_schema: schema }],
        tool_choice: { type: "tool", name: "mcp__srv__do.it" },
        messages: [{ role: "user", content: "go" }, { role: "assistant", content: [{ type: "tool_use", id: "c1", name: long, input: {} }] }],
      }),
    );
    const body = wire.body;
    const [first, second] = body.tools ?? [];
    expect(first?.function.name).toBe("mcp__srv__do_it");
    expect(second?.function.name).toHaveLength(64);
    expect(body.tool_choice).toEqual({ type: "function", function: { name: "mcp__srv__do_it" } });
    expect(body.messages[1]).toMatchObject({ tool_calls: [{ function: { name: second?.function.name } }] });
    expect(wire.toolNames.get("mcp__srv__do_it")).toBe("mcp__srv__do.it");
    expect(wire.toolNames.get(second?.function.name ?? "")).toBe(long);
  });
});

describe("toOpenAiChat thinking", () => {
  const adaptive = { thinking: { type: "adaptive", display: "omitted" } };
  const budget = (budget_tokens: number) => ({ thinking: { type: "enabled", budget_tokens } });
  const disabled = { thinking: { type: "disabled" } };
  const reasoning = (body: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(body).filter(([key]) => ["reasoning_effort", "reasoning", "thinking", "enable_thinking", "thinking_budget"].includes(key)));

  test("sends nothing with the none reasoning param", () => {
    expect(reasoning(chatBody({ ...budget(10000), output_config: { effort: "high" } }))).toEqual({});
  });

  test.each([
    [adaptive, "medium"],
    [{ ...adaptive, output_config: { effort: "low" } }, "low"],
    [{ ...adaptive, output_config: { effort: "max" } }, "high"],
    [budget(1024), "low"],
    [budget(4000), "medium"],
    [budget(8192), "medium"],
    [budget(10000), "high"],
    [budget(31999), "high"],
    [{ ...budget(31999), output_config: { effort: "low" } }, "low"],
  ])("derives reasoning_effort from %j as %s", (fields, effort) => {
    expect(reasoning(chatBody(fields, { reasoningParam: "reasoning_effort" }))).toEqual({ reasoning_effort: effort });
  });

  test("sends no reasoning_effort when thinking is disabled or absent", () => {
    expect(reasoning(chatBody(disabled, { reasoningParam: "reasoning_effort" }))).toEqual({});
    expect(reasoning(chatBody({ output_config: { effort: "high" } }, { reasoningParam: "reasoning_effort" }))).toEqual({});
  });

  test.each([
    [adaptive, { thinking: { type: "enabled" } }],
    [budget(10000), { thinking: { type: "enabled" } }],
    [{ ...adaptive, output_config: { effort: "low" } }, { thinking: { type: "enabled" }, reasoning_effort: "low" }],
    [{ ...adaptive, output_config: { effort: "medium" } }, { thinking: { type: "enabled" }, reasoning_effort: "high" }],
    [{ ...adaptive, output_config: { effort: "high" } }, { thinking: { type: "enabled" }, reasoning_effort: "high" }],
    [{ ...adaptive, output_config: { effort: "max" } }, { thinking: { type: "enabled" }, reasoning_effort: "max" }],
    [disabled, { thinking: { type: "disabled" } }],
  ])("expresses %j for DeepSeek as %j", (fields, expected) => {
    expect(reasoning(chatBody(fields, { reasoningParam: "deepseek" }))).toEqual(expected);
  });

  test.each([
    [budget(6000), { reasoning: { max_tokens: 6000 } }],
    [adaptive, { reasoning: { effort: "medium" } }],
    [{ ...budget(6000), output_config: { effort: "high" } }, { reasoning: { effort: "high" } }],
    [disabled, { reasoning: { enabled: false } }],
  ])("expresses %j for OpenRouter as %j", (fields, expected) => {
    expect(reasoning(chatBody(fields, { reasoningParam: "openrouter" }))).toEqual(expected);
  });

  test.each([
    [budget(6000), { enable_thinking: true, thinking_budget: 6000 }],
    [adaptive, { enable_thinking: true }],
    [disabled, { enable_thinking: false }],
  ])("expresses %j for Qwen as %j", (fields, expected) => {
    expect(reasoning(chatBody(fields, { reasoningParam: "qwen" }))).toEqual(expected);
  });

  test("sends no reasoning fields for any profile when the request has no thinking", () => {
    for (const reasoningParam of ["reasoning_effort", "deepseek", "openrouter", "qwen"] as const) {
      expect(reasoning(chatBody({}, { reasoningParam }))).toEqual({});
    }
  });
});

describe("toOpenAiChat structured output", () => {
  const titleSchema = { type: "object", properties: { title: { type: "string" } }, required: ["title"], additionalProperties: false };
  const format = { output_config: { effort: "medium", format: { type: "json_schema", schema: titleSchema } } };

  test("sends output_config.format as a json_schema response_format", () => {
    expect(chatBody(format).response_format).toEqual({ type: "json_schema", json_schema: { name: "response", schema: titleSchema } });
  });

  test("asks for a json_object and appends the schema to the system message with the json_object profile", () => {
    const body = chatBody({ ...format, system: "Name the session." }, { structuredOutput: "json_object" });
    expect(body.response_format).toEqual({ type: "json_object" });
    const system = body.messages[0];
    expect(system?.role).toBe("system");
    expect(system?.content).toStartWith("Name the session.\n");
    expect(system?.content).toContain(JSON.stringify(titleSchema));
  });

  test("creates a system message for the schema when there is none", () => {
    const body = chatBody(format, { structuredOutput: "json_object" });
    expect(body.messages[0]?.role).toBe("system");
    expect(body.messages[0]?.content).toContain(JSON.stringify(titleSchema));
  });

  test("sends nothing about the format with the drop profile", () => {
    const body = chatBody({ ...format, system: "S" }, { structuredOutput: "drop" });
    expect(body).not.toHaveProperty("response_format");
    expect(body.messages[0]).toEqual({ role: "system", content: "S" });
  });
});
