// Resolves `transformer.use` lists into transformer chains and model plans (adapter + profile + chain).
import * as v from "valibot";
import type { ConfigIssue } from "../errors.ts";
import { describeIssue } from "../formats/issues.ts";
import { defaultProfile, type Profile } from "../providers/adapter.ts";
import { openAiChatAdapter } from "../providers/openai-chat.ts";
import { findTransformer, transformerRegistry, type TransformerFactory } from "../transformers/registry.ts";
import type { Transformer } from "../transformers/transformer.ts";
import type { ModelPlan } from "./compiled.ts";
import type { UseItem } from "./schema.ts";
import type { Env } from "./paths.ts";
import { suggestKey } from "./unknown-keys.ts";
import { withVertexEnv } from "./vertex-env.ts";

/** Custom transformers loaded from `transformers[]`, by name (lower-cased); they shadow built-ins of the same name. */
export type ExtraTransformers = ReadonlyMap<string, TransformerFactory>;

/** Which provider and model a chain belongs to, for messages. */
export interface ChainOwner {
  provider: string;
  /** Undefined for the provider-level chain. */
  model: string | undefined;
}

export interface Chain {
  transformers: Transformer[];
  issues: ConfigIssue[];
  warnings: string[];
}

function ownerText(owner: ChainOwner, name: string): string {
  const model = owner.model === undefined ? "all models" : `model "${owner.model}"`;
  return `transformer "${name}" (provider "${owner.provider}", ${model})`;
}

function optionsIssues(err: unknown, entryPath: string, what: string): ConfigIssue[] {
  if (!v.isValiError(err)) return [{ path: entryPath, message: `${what} could not be created: ${String(err)}` }];
  return err.issues.map((issue) => {
    const { path, message } = describeIssue(issue);
    const where = path === "" ? "options" : path.startsWith("[") ? `options${path}` : `options.${path}`;
    return { path: entryPath, message: `${what}: ${where}: ${message}` };
  });
}

function unknownIssue(entryPath: string, owner: ChainOwner, name: string, extra: ExtraTransformers): ConfigIssue {
  const known = [...transformerRegistry.keys(), ...extra.keys()];
  const match = suggestKey(name, known);
  const hint = match === undefined ? "" : ` (did you mean "${match}"?)`;
  return { path: entryPath, message: `unknown ${ownerText(owner, name)}${hint}` };
}

/** Builds the transformers of one `use` list; unknown names and bad options are issues. `env` fills Vertex options. */
export function resolveChain(
  items: readonly UseItem[] | undefined,
  basePath: string,
  owner: ChainOwner,
  extra: ExtraTransformers = new Map(),
  env: Env = {},
): Chain {
  const chain: Chain = { transformers: [], issues: [], warnings: [] };
  for (const [i, item] of (items ?? []).entries()) {
    const [name, options] = typeof item === "string" ? [item, undefined] : [item[0], item[1]];
    const entryPath = `${basePath}[${i}]`;
    const factory = extra.get(name.toLowerCase()) ?? findTransformer(name);
    if (factory === undefined) {
      chain.issues.push(unknownIssue(entryPath, owner, name, extra));
      continue;
    }
    try {
      chain.transformers.push(factory(withVertexEnv(name, options, env)));
    } catch (err) {
      chain.issues.push(...optionsIssues(err, entryPath, ownerText(owner, name)));
    }
  }
  return chain;
}

/** The plan for a chain: the adapter of the last transformer that selects one (else OpenAI Chat); the vendor's
 * profile, then transformer profiles, merged in order over the defaults. */
export function planFor(transformers: readonly Transformer[], vendor: Partial<Profile> = {}): ModelPlan {
  const adapter = transformers.findLast((t) => t.adapter !== undefined)?.adapter ?? openAiChatAdapter;
  const profile = transformers.reduce<Profile>((acc, t) => ({ ...acc, ...t.profile }), { ...defaultProfile, ...vendor });
  return { adapter, profile, transformers };
}
