// Imports the `transformers[]` modules once per config load and turns each into a factory usable by name in `use` lists.
import { stat } from "node:fs/promises";
import * as v from "valibot";
import { ConfigError, describeError } from "../errors.ts";
import type { MessagesRequest, StreamEvent } from "../formats/anthropic.ts";
import { describeIssue } from "../formats/issues.ts";
import type { Profile } from "../providers/adapter.ts";
import type { TransformerFactory } from "../transformers/registry.ts";
import type { Transformer } from "../transformers/transformer.ts";
import type { ExtraTransformers } from "./compile-plan.ts";
import { resolveCustomRouterPath } from "./custom-router.ts";
import { interpolate, isRecord } from "./interpolate.ts";
import type { Env } from "./paths.ts";
import { CustomTransformerSchema } from "./schema.ts";
import { importScript } from "./import-script.ts";

/** One valid `transformers[]` entry with its index, for messages. */
export interface CustomTransformerSource {
  index: number;
  path: string;
  options: Readonly<Record<string, unknown>> | undefined;
}

/** The valid `transformers[]` entries of a raw document, interpolated (invalid ones are reported by `compileConfig`). */
export function customTransformerSources(raw: unknown, env: Env): CustomTransformerSource[] {
  const doc = interpolate(raw, env).value;
  if (!isRecord(doc) || !Array.isArray(doc.transformers)) return [];
  return doc.transformers.flatMap((entry, index) => {
    const parsed = v.safeParse(CustomTransformerSchema, entry);
    return parsed.success ? [{ index, path: parsed.output.path, options: parsed.output.options }] : [];
  });
}

const pick = <const T extends string>(values: readonly T[]) => v.optional(v.picklist(values, `one of ${values.join(", ")}`));

/** Profile fields a custom transformer may switch (src/providers/adapter.ts `Profile`). */
const ProfileSchema = v.strictObject(
  {
    maxTokensField: pick(["max_tokens", "max_completion_tokens"]),
    maxOutputTokens: v.optional(v.pipe(v.number("a number"), v.integer("an integer"), v.minValue(1, "a positive integer"))),
    inlineSystem: pick(["hoist", "in_place"]),
    structuredOutput: pick(["json_schema", "json_object", "drop"]),
    reasoningParam: pick(["none", "reasoning_effort", "deepseek", "openrouter", "qwen"]),
    reasoningReplay: pick(["none", "reasoning_content", "reasoning", "reasoning_details"]),
    cacheControl: pick(["drop", "keep"]),
    topK: pick(["drop", "keep"]),
    sampling: pick(["keep", "drop"]),
    stopLimit: v.optional(v.pipe(v.number("a number"), v.integer("an integer"), v.minValue(0, "zero or more"))),
    stripBillingHeader: v.optional(v.boolean("true or false")),
    dropToolChoice: v.optional(v.boolean("true or false")),
    supportsFiles: v.optional(v.boolean("true or false")),
    auth: pick(["bearer", "x-api-key", "x-goog-api-key", "none"]),
  },
  "an object of profile fields",
);

const Hooks = v.object({
  name: v.pipe(v.string("a string"), v.minLength(1, "a non-empty string")),
  request: v.optional(v.function("a function")),
  wireRequest: v.optional(v.function("a function")),
  events: v.optional(v.function("a function")),
  profile: v.optional(ProfileSchema),
});
type Hooks = v.InferOutput<typeof Hooks>;

/** The profile fields that were set (a key present with `undefined` would otherwise override a default). */
function setFields(profile: v.InferOutput<typeof ProfileSchema>): Partial<Profile> {
  return Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
}

/** Our Transformer over the user's object; hooks are called on the object so class methods keep `this`. */
function adopt(value: unknown): Transformer {
  const hooks: Hooks = v.parse(Hooks, value);
  const self = value;
  const { request, wireRequest, events, profile } = hooks;
  return {
    name: hooks.name,
    ...(profile === undefined ? {} : { profile: setFields(profile) }),
    // The user's hooks follow the documented contract; their results are trusted like any transformer's.
    ...(request ? { request: (r, ctx) => request.call(self, r, ctx) as MessagesRequest } : {}),
    ...(wireRequest ? { wireRequest: (b, ctx) => wireRequest.call(self, b, ctx) as Record<string, unknown> } : {}),
    ...(events ? { events: (e, ctx) => events.call(self, e, ctx) as StreamEvent[] } : {}),
  };
}

function isClass(value: unknown): value is new (options: unknown) => unknown {
  return typeof value === "function" && value.prototype !== undefined;
}

/** The first export that is a class or an object with a `name`: `default` (or `module.exports`) first, then named ones. */
function exported(mod: unknown): unknown {
  if (!isRecord(mod)) return undefined;
  const candidates = ["default" in mod ? mod.default : undefined, ...Object.entries(mod).filter(([k]) => k !== "default").map(([, x]) => x)];
  return candidates.find((c) => isClass(c) || (isRecord(c) && typeof c.name === "string"));
}

/** A factory: classes are constructed per use with the `use` options, else the entry's options; objects take none. */
function factoryFor(value: unknown, entryOptions: unknown): TransformerFactory {
  if (!isClass(value)) {
    const transformer = adopt(value);
    return (options) => {
      if (options !== undefined) throw new Error("this custom transformer takes options only in its transformers[] entry");
      return transformer;
    };
  }
  return (options) => adopt(new value(options ?? entryOptions ?? {}));
}

async function importModule(file: string): Promise<unknown> {
  return await importScript(file, (await stat(file)).mtimeMs);
}

function shapeReason(issues: Parameters<typeof describeIssue>[0][]): string {
  const first = issues[0];
  if (first === undefined) return "the transformer does not have the expected shape";
  const { path, message } = describeIssue(first);
  return `the transformer's ${path === "" ? "value" : path}: ${message}`;
}

function loadError(source: CustomTransformerSource, file: string, err: unknown): ConfigError {
  const missing = err instanceof Error && "code" in err && err.code === "ENOENT";
  const reason = missing ? "file not found" : v.isValiError(err) ? shapeReason(err.issues) : (describeError(err).split("\n")[0] ?? "");
  return new ConfigError(`Cannot load custom transformer ${file}: ${reason}`, [{ path: `transformers[${source.index}].path`, message: reason }]);
}

/** Imports every module; the result maps each lower-cased transformer name to its factory. Any failure names the file. */
export async function loadCustomTransformers(sources: readonly CustomTransformerSource[], env: Env, configFile: string): Promise<ExtraTransformers> {
  const factories = new Map<string, TransformerFactory>();
  for (const source of sources) {
    const file = resolveCustomRouterPath(source.path, env, configFile);
    try {
      const value = exported(await importModule(file));
      if (value === undefined) throw new Error("the module exports no transformer (a class or an object with a `name`)");
      const factory = factoryFor(value, source.options);
      const name = factory(undefined).name;
      if (factories.has(name.toLowerCase())) throw new Error(`another custom transformer is already named "${name}"`);
      factories.set(name.toLowerCase(), factory);
    } catch (err) {
      throw loadError(source, file, err);
    }
  }
  return factories;
}
