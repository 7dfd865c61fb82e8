// Compiles provider entries: validates each, rejects duplicate names, resolves every transformer chain once.
import * as v from "valibot";
import type { ConfigIssue } from "../errors.ts";
import type { CompiledProvider, ModelPlan } from "./compiled.ts";
import { vendorProfile } from "../providers/vendors.ts";
import { planFor, resolveChain, type ExtraTransformers } from "./compile-plan.ts";
import type { Env } from "./paths.ts";
import type { ProviderEntry } from "./provider-entries.ts";
import { ProviderSchema, type ProviderInput } from "./schema.ts";

export interface CompiledProviders {
  providers: Map<string, CompiledProvider>;
  issues: ConfigIssue[];
  warnings: string[];
}

interface Compiled {
  provider: CompiledProvider;
  issues: ConfigIssue[];
  warnings: string[];
}

function compileOne(input: ProviderInput, path: string, extra: ExtraTransformers, env: Env): Compiled {
  const transformerPath = `${path}.transformer`;
  const vendor = vendorProfile(input.api_base_url);
  const base = resolveChain(input.transformer?.use, `${transformerPath}.use`, { provider: input.name, model: undefined }, extra, env);
  const issues = [...base.issues];
  const warnings = [...base.warnings];
  const modelPlans = new Map<string, ModelPlan>();
  for (const [model, spec] of Object.entries(input.transformer ?? {})) {
    if (model === "use" || Array.isArray(spec) || spec === undefined) continue;
    const own = resolveChain(spec.use, `${transformerPath}.${model}.use`, { provider: input.name, model }, extra, env);
    issues.push(...own.issues);
    warnings.push(...own.warnings);
    if (input.models.length > 0 && !input.models.includes(model)) {
      warnings.push(`${transformerPath}.${model}: "${model}" is not one of the models of provider "${input.name}"`);
    }
    // Model-level transformers run after the provider-level ones (CCR order).
    modelPlans.set(model, planFor([...base.transformers, ...own.transformers], vendor));
  }
  const provider: CompiledProvider = {
    name: input.name,
    baseUrl: input.api_base_url,
    apiKey: input.api_key,
    models: input.models,
    plan: planFor(base.transformers, vendor),
    modelPlans,
  };
  return { provider, issues, warnings };
}

/** Every valid entry becomes a provider (keyless ones included); invalid entries are reported by the document schema.
 * `env` supplies Vertex AI defaults (GOOGLE_CLOUD_PROJECT, ...). */
export function compileProviders(entries: readonly ProviderEntry[], extra: ExtraTransformers = new Map(), env: Env = {}): CompiledProviders {
  const result: CompiledProviders = { providers: new Map(), issues: [], warnings: [] };
  const firstPath = new Map<string, string>();
  for (const entry of entries) {
    const parsed = v.safeParse(ProviderSchema, entry.raw);
    if (!parsed.success) continue;
    const name = parsed.output.name;
    const earlier = firstPath.get(name);
    if (earlier !== undefined) {
      result.issues.push({ path: `${entry.path}.name`, message: `duplicate provider name "${name}" (already used by ${earlier})` });
      continue;
    }
    firstPath.set(name, entry.path);
    const compiled = compileOne(parsed.output, entry.path, extra, env);
    result.providers.set(name, compiled.provider);
    result.issues.push(...compiled.issues);
    result.warnings.push(...compiled.warnings);
  }
  return result;
}
