// `ccr init`'s connection test: compile the new providers with this shell's environment and ping each one once.
import { compileConfig } from "../config/compile.ts";
import type { CompiledConfig } from "../config/compiled.ts";
import { ConfigError } from "../errors.ts";
import { testConnection, type ProbeDeps } from "../proxy/probe.ts";
import type { Io } from "./command.ts";
import { canPrompt } from "./prompter.ts";
import type { InitPlan } from "./init-plan.ts";

/** One provider's outcome. */
export interface TestOutcome {
  route: string;
  ok: boolean;
  detail: string;
}

/** The proxy settings a test must honour, copied from the document being written. */
const NETWORK_KEYS = ["PROXY_URL", "HTTPS_PROXY", "https_proxy", "httpsProxy", "API_TIMEOUT_MS"] as const;

/** Tests the first model of every provider; a document that cannot compile here (a key variable unset) is one failed outcome. */
export async function testProviders(io: Io, plan: InitPlan, doc: Record<string, unknown>, deps: ProbeDeps = {}): Promise<TestOutcome[]> {
  const testDoc: Record<string, unknown> = { Providers: doc.Providers, Router: doc.Router };
  for (const key of NETWORK_KEYS) if (doc[key] !== undefined) testDoc[key] = doc[key];
  let config: CompiledConfig;
  try {
    config = compileConfig(testDoc, io.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const problems = err.issues.length > 0 ? err.issues.map((i) => `${i.path}: ${i.message}`).join("; ") : err.message;
    if (canPrompt(io)) io.prompter.note(`Cannot test the connection: ${problems}`, "Connection test");
    return [{ route: "config", ok: false, detail: problems }];
  }
  const outcomes: TestOutcome[] = [];
  for (const provider of plan.providers) {
    const model = provider.models[0];
    if (model === undefined) continue;
    const route = `${provider.name},${model}`;
    const spinner = io.prompter.spinner(`Testing ${route} with a one-token request`);
    const result = await testConnection(config, provider.name, model, deps);
    if (result.ok) {
      spinner.stop(`${route}: OK, answered in ${result.ms} ms`);
      outcomes.push({ route, ok: true, detail: `${result.ms} ms` });
    } else {
      // Without a terminal init fails with an error naming this outcome; a spinner line would say it twice.
      if (canPrompt(io)) spinner.fail(`${route}: failed (${result.status}) ${result.message}`);
      else spinner.clear();
      outcomes.push({ route, ok: false, detail: `${result.status} ${result.message}` });
    }
  }
  return outcomes;
}
