// Tool input schemas → Gemini's OpenAPI-3.0 `Schema` subset (conversion spec §5.4), deterministic, on a deep copy.

type Json = Record<string, unknown>;

const KEPT_KEYS: ReadonlySet<string> = new Set([
  "type", "format", "title", "description", "nullable", "enum", "items", "properties", "required", "minItems",
  "maxItems", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "minimum", "maximum", "default",
  "example", "anyOf", "propertyOrdering",
]);

const FORMATS: Record<string, readonly string[]> = {
  string: ["enum", "date-time"],
  number: ["float", "double"],
  integer: ["int32", "int64"],
};

const MAX_REF_DEPTH = 8;

/** How a declaration's schema is sent: cleaned `parameters`, none at all, or raw `parametersJsonSchema`. */
export type GeminiSchemaResult =
  | { mode: "parameters"; parameters: Json }
  | { mode: "none" }
  | { mode: "parametersJsonSchema"; parametersJsonSchema: Json };

interface Walk {
  defs: Json;
  /** Set when something cannot be expressed in `parameters` (array without items, nested free-form object). */
  needsJsonSchema: boolean;
}

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveRef(ref: string, w: Walk): Json | undefined {
  const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  const found = match?.[1] === undefined ? undefined : w.defs[match[1]];
  return isJson(found) ? found : undefined;
}

/** `allOf` members merged into the node: properties and required unioned, the first scalar wins. */
function mergeAllOf(node: Json): Json {
  const { allOf, ...rest } = node;
  if (!Array.isArray(allOf)) return node;
  let out: Json = rest;
  for (const member of allOf.filter(isJson)) {
    const properties = { ...(isJson(member.properties) ? member.properties : {}), ...(isJson(out.properties) ? out.properties : {}) };
    const required = [...new Set([...asStrings(out.required), ...asStrings(member.required)])];
    out = { ...member, ...out, properties, required };
    if (Object.keys(properties).length === 0) delete out.properties;
  }
  return out;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** `type: [T, "null"]` → `T` + nullable; several types → anyOf of each. */
function normalizeType(node: Json): Json {
  if (!Array.isArray(node.type)) return node;
  const types = node.type.filter((t): t is string => typeof t === "string");
  const nonNull = types.filter((t) => t !== "null");
  const nullable = nonNull.length < types.length ? { nullable: true } : {};
  const { type: _list, ...rest } = node;
  if (nonNull.length === 1) return { ...rest, type: nonNull[0], ...nullable };
  if (nonNull.length === 0) return { ...rest, ...nullable };
  return { ...rest, anyOf: nonNull.map((t) => ({ type: t })), ...nullable };
}

/** anyOf members cleaned; `{type:"null"}` members become `nullable`; a lone member is merged into the parent. */
function normalizeAnyOf(node: Json, w: Walk, depth: number): Json {
  const { oneOf, anyOf, ...rest } = node;
  const list = Array.isArray(anyOf) ? anyOf : Array.isArray(oneOf) ? oneOf : undefined;
  if (list === undefined) return node;
  const members = list.filter(isJson).map((m) => clean(m, w, depth));
  const nonNull = members.filter((m) => m.type !== "null");
  const nullable = nonNull.length < members.length ? { nullable: true } : {};
  if (nonNull.length === 1) return { ...nonNull[0], ...rest, ...nullable };
  return nonNull.length === 0 ? { ...rest, ...nullable } : { ...rest, anyOf: nonNull, ...nullable };
}

function constAndEnum(node: Json): Json {
  const out: Json = { ...node };
  if ("const" in out) {
    const value = out.const;
    delete out.const;
    if (typeof value === "string") {
      out.enum = [value];
      if (out.type === undefined) out.type = "string";
    }
  }
  if (Array.isArray(out.enum)) out.enum = out.enum.filter((item) => item !== null);
  // Enums are string-only in Gemini; coercing the type would break Claude Code's own argument validation.
  if ("enum" in out && out.type !== "string") delete out.enum;
  if (typeof out.format === "string" && !(FORMATS[String(out.type)] ?? []).includes(out.format)) delete out.format;
  return out;
}

function cleanChildren(node: Json, w: Walk, depth: number): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEPT_KEYS.has(key)) continue;
    if (key === "properties" && isJson(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, clean(isJson(s) ? s : {}, w, depth)]));
    } else if (key === "items" && isJson(value)) out.items = clean(value, w, depth);
    else out[key] = value;
  }
  return out;
}

function finishObject(node: Json, w: Walk, depth: number): Json {
  const out: Json = { ...node };
  const properties = isJson(out.properties) ? out.properties : undefined;
  if (out.type === undefined && properties !== undefined) out.type = "object";
  const required = asStrings(out.required).filter((name) => properties !== undefined && name in properties);
  if (required.length > 0) out.required = required;
  else delete out.required;
  if (out.type === "array" && out.items === undefined) w.needsJsonSchema = true;
  const empty = properties === undefined || Object.keys(properties).length === 0;
  if (out.type === "object" && empty && depth > 0) w.needsJsonSchema = true;
  return out;
}

function clean(input: Json, w: Walk, depth: number): Json {
  let node = input;
  if (typeof node.$ref === "string") {
    const { $ref, ...rest } = node;
    const target = resolveRef($ref, w);
    if (depth >= MAX_REF_DEPTH || target === undefined) return { type: "object" };
    return clean({ ...target, ...rest }, w, depth + 1);
  }
  node = normalizeAnyOf(normalizeType(mergeAllOf(node)), w, depth + 1);
  node = constAndEnum(node);
  return finishObject(cleanChildren(node, w, depth + 1), w, depth);
}

function withoutDraft(schema: Json): Json {
  const { $schema: _draft, ...rest } = schema;
  return rest;
}

/** The declaration's schema for Gemini: cleaned when it fits `parameters`, omitted when it has no properties, else
 * sent raw (minus `$schema`) as `parametersJsonSchema`. */
export function geminiSchema(schema: Json): GeminiSchemaResult {
  const defs = { ...(isJson(schema.definitions) ? schema.definitions : {}), ...(isJson(schema.$defs) ? schema.$defs : {}) };
  const w: Walk = { defs, needsJsonSchema: false };
  const cleaned = clean(schema, w, 0);
  if (w.needsJsonSchema) return { mode: "parametersJsonSchema", parametersJsonSchema: withoutDraft(schema) };
  const properties = isJson(cleaned.properties) ? cleaned.properties : {};
  if (cleaned.type === "object" && Object.keys(properties).length === 0) return { mode: "none" };
  return { mode: "parameters", parameters: cleaned };
}
