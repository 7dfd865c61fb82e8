// Anthropic Messages request → Gemini generateContent body (conversion spec §5.2, §5.4–§5.6, §1.10).
import type { MessagesRequest, Tool, ToolChoice } from "../formats/anthropic.ts";
import type {
  GeminiFunctionDeclaration,
  GeminiGenerationConfig,
  GeminiRequest,
  GeminiThinkingConfig,
  GeminiTool,
} from "../formats/gemini.ts";
import type { Target, WireRequest } from "./adapter.ts";
import { toGeminiContents } from "./gemini-contents.ts";
import { geminiSchema } from "./gemini-schema.ts";
import { leadingSystemParts } from "./openai-chat-system.ts";
import { type ToolNames, createToolNames } from "./tool-names.ts";

const STOP_LIMIT = 5;

/** The model name without a `models/` prefix, lower-cased, for family checks. */
function family(model: string): string {
  return model.replace(/^models\//, "").toLowerCase();
}

/** Gemini 3 models: thinking levels, combined built-in and function tools, signature validation. */
export function isGemini3(model: string): boolean {
  return family(model).startsWith("gemini-3");
}

function declaration(tool: Tool & { input_schema: Record<string, unknown> }, names: ToolNames): GeminiFunctionDeclaration {
  const out: GeminiFunctionDeclaration = { name: names.wire(tool.name) };
  if (tool.description !== undefined) out.description = tool.description;
  const schema = geminiSchema(tool.input_schema);
  if (schema.mode === "parameters") out.parameters = schema.parameters;
  if (schema.mode === "parametersJsonSchema") out.parametersJsonSchema = schema.parametersJsonSchema;
  return out;
}

function callable(tool: Tool): tool is Tool & { input_schema: Record<string, unknown> } {
  return tool.input_schema !== undefined && tool.defer_loading !== true;
}

function toolsField(request: MessagesRequest, model: string, names: ToolNames): GeminiTool[] {
  const tools = request.tools ?? [];
  const declarations = tools.filter(callable).map((tool) => declaration(tool, names));
  const out: GeminiTool[] = declarations.length > 0 ? [{ functionDeclarations: declarations }] : [];
  // Only Anthropic's server tool (typed `web_search_…`), never a custom tool that happens to be named web_search.
  const search = tools.some((tool) => tool.type?.startsWith("web_search_") === true);
  if (search && isGemini3(model)) out.push({ googleSearch: {} });
  return out;
}

function toolConfig(choice: ToolChoice | undefined, names: ToolNames): GeminiRequest["toolConfig"] {
  if (choice === undefined) return undefined;
  switch (choice.type) {
    case "auto":
      return { functionCallingConfig: { mode: "AUTO" } };
    case "any":
      return { functionCallingConfig: { mode: "ANY" } };
    case "none":
      return { functionCallingConfig: { mode: "NONE" } };
    case "tool":
      return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [names.wire(choice.name)] } };
  }
}

function clampBudget(model: string, budget: number): number {
  const name = family(model);
  const [min, max] = name.includes("flash-lite") ? [512, 24576] : name.includes("flash") ? [0, 24576] : [128, 32768];
  return Math.min(max, Math.max(min, budget));
}

/** §5.6: levels for Gemini 3, budgets for 2.5 (and older); absent or disabled thinking leaves the model default. */
function thinkingConfig(request: MessagesRequest, model: string): GeminiThinkingConfig | undefined {
  const thinking = request.thinking;
  if (thinking === undefined || thinking.type === "disabled") return undefined;
  const gemini3 = isGemini3(model);
  if (thinking.type === "adaptive") {
    if (!gemini3) return { includeThoughts: true, thinkingBudget: -1 };
    return { includeThoughts: true, thinkingLevel: request.output_config?.effort === "low" ? "LOW" : "HIGH" };
  }
  const budget = thinking.budget_tokens;
  if (budget === undefined) return gemini3 ? { includeThoughts: true, thinkingLevel: "HIGH" } : { includeThoughts: true, thinkingBudget: -1 };
  if (gemini3) return { includeThoughts: true, thinkingLevel: budget <= 8192 ? "LOW" : "HIGH" };
  return { includeThoughts: true, thinkingBudget: clampBudget(model, budget) };
}

function generationConfig(request: MessagesRequest, target: Target): GeminiGenerationConfig {
  const { profile, model } = target;
  const limit = profile.maxOutputTokens;
  const config: GeminiGenerationConfig = {
    maxOutputTokens: limit === undefined ? request.max_tokens : Math.min(request.max_tokens, limit),
  };
  if (profile.sampling === "keep" && request.temperature !== undefined) config.temperature = request.temperature;
  if (profile.sampling === "keep" && request.top_p !== undefined) config.topP = request.top_p;
  if (request.top_k !== undefined) config.topK = request.top_k;
  const stop = request.stop_sequences?.slice(0, STOP_LIMIT) ?? [];
  if (stop.length > 0) config.stopSequences = stop;
  const thinking = thinkingConfig(request, model);
  if (thinking !== undefined) config.thinkingConfig = thinking;
  const format = request.output_config?.format;
  if (format?.type === "json_schema") {
    config.responseMimeType = "application/json";
    if (format.schema !== undefined) config.responseJsonSchema = format.schema;
  }
  return config;
}

function systemInstruction(request: MessagesRequest, target: Target): GeminiRequest["systemInstruction"] {
  // Gemini contents have no system role: inline system messages are always hoisted (§5.2).
  const parts = leadingSystemParts(request, { ...target.profile, inlineSystem: "hoist", structuredOutput: "json_schema" });
  if (parts.length === 0) return undefined;
  return { parts: [{ text: parts.map((part) => part.text).join("\n") }] };
}

/** Gemini names must also start with a letter or `_` (§1.4); the OpenAI-safe names get a `_` prefix when not. */
function geminiToolNames(): ToolNames {
  const inner = createToolNames();
  const fix = (name: string) => (/^[A-Za-z_]/.test(name) ? name : `_${name}`.slice(0, 64));
  return {
    wire: (original) => fix(inner.wire(original)),
    snapshot: () => new Map([...inner.snapshot()].map(([wire, original]) => [fix(wire), original])),
  };
}

/** The generateContent body and the wire → original tool name map; `stream` only changes the URL. */
export function toGemini(request: MessagesRequest, target: Target): WireRequest {
  const names = geminiToolNames();
  // Tools first, so declared tools claim their wire names before history does.
  const tools = toolsField(request, target.model, names);
  const system = systemInstruction(request, target);
  const config = tools.some((tool) => "functionDeclarations" in tool) ? toolConfig(request.tool_choice, names) : undefined;
  const body: GeminiRequest = {
    ...(system === undefined ? {} : { systemInstruction: system }),
    contents: toGeminiContents(request.messages, names, isGemini3(target.model)),
    ...(tools.length > 0 ? { tools } : {}),
    ...(config === undefined ? {} : { toolConfig: config }),
    generationConfig: generationConfig(request, target),
  };
  return { body, toolNames: names.snapshot() };
}
