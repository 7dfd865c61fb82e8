// Gemini generateContent wire format: request types we build, valibot schemas for responses and stream chunks.
import * as v from "valibot";

/** One part of a Gemini content, as we send it. */
export type GeminiPart =
  | { text: string; thoughtSignature?: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { mimeType: string; fileUri: string } }
  | { functionCall: { name: string; args: unknown }; thoughtSignature?: string }
  | { functionResponse: { name: string; response: Record<string, unknown> } };

/** A user or model turn. */
export interface GeminiContent {
  role: "user" | "model";
  parts: GeminiPart[];
}

/** One function declaration: cleaned `parameters`, or raw `parametersJsonSchema` (spec §5.4). */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  parametersJsonSchema?: Record<string, unknown>;
}

export type GeminiTool = { functionDeclarations: GeminiFunctionDeclaration[] } | { googleSearch: Record<string, never> };

export interface GeminiThinkingConfig {
  includeThoughts: boolean;
  thinkingBudget?: number;
  thinkingLevel?: "LOW" | "HIGH";
}

export interface GeminiGenerationConfig {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  thinkingConfig?: GeminiThinkingConfig;
  responseMimeType?: string;
  responseJsonSchema?: unknown;
}

/** The generateContent request body (spec §5.2). */
export interface GeminiRequest {
  systemInstruction?: { parts: { text: string }[] };
  contents: GeminiContent[];
  tools?: GeminiTool[];
  toolConfig?: { functionCallingConfig: { mode: "AUTO" | "ANY" | "NONE"; allowedFunctionNames?: string[] } };
  generationConfig?: GeminiGenerationConfig;
}

const Optional = <T extends v.GenericSchema>(schema: T) => v.optional(v.nullable(schema));

export const GeminiResponsePartSchema = v.looseObject({
  text: Optional(v.string()),
  thought: Optional(v.boolean()),
  thoughtSignature: Optional(v.string()),
  functionCall: Optional(v.looseObject({ id: Optional(v.string()), name: v.string(), args: v.optional(v.unknown()) })),
});

export const GeminiUsageSchema = v.looseObject({
  promptTokenCount: Optional(v.number()),
  candidatesTokenCount: Optional(v.number()),
  cachedContentTokenCount: Optional(v.number()),
  thoughtsTokenCount: Optional(v.number()),
  toolUsePromptTokenCount: Optional(v.number()),
  totalTokenCount: Optional(v.number()),
});

export const GeminiCandidateSchema = v.looseObject({
  content: Optional(v.looseObject({ role: Optional(v.string()), parts: Optional(v.array(GeminiResponsePartSchema)) })),
  finishReason: Optional(v.string()),
});

/** A GenerateContentResponse: the whole non-streaming body, or one streamed chunk. */
export const GeminiResponseSchema = v.looseObject({
  candidates: Optional(v.array(GeminiCandidateSchema)),
  promptFeedback: Optional(v.looseObject({ blockReason: Optional(v.string()) })),
  usageMetadata: Optional(GeminiUsageSchema),
  modelVersion: Optional(v.string()),
  responseId: Optional(v.string()),
  error: v.optional(v.unknown()),
});

export type GeminiResponsePart = v.InferOutput<typeof GeminiResponsePartSchema>;
export type GeminiUsage = v.InferOutput<typeof GeminiUsageSchema>;
export type GeminiResponse = v.InferOutput<typeof GeminiResponseSchema>;
