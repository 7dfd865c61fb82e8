// CCR `groq`: Groq rejects a `$schema` key inside tool parameters, so it is removed (as CCR's groq transformer does).
import * as v from "valibot";
import type { Tool } from "../formats/anthropic.ts";
import type { Transformer } from "./transformer.ts";
import { noOptions } from "./no-options.ts";

function withoutSchemaKey(tool: Tool): Tool {
  if (tool.input_schema === undefined || !Object.hasOwn(tool.input_schema, "$schema")) return tool;
  const { $schema: _dropped, ...schema } = tool.input_schema;
  return { ...tool, input_schema: schema };
}

/** Groq (https://console.groq.com/docs/openai): tool schemas without `$schema`. */
export function groq(options: unknown): Transformer {
  v.parse(noOptions, options);
  return {
    name: "groq",
    request: (request) => (request.tools === undefined ? request : { ...request, tools: request.tools.map(withoutSchemaKey) }),
  };
}
