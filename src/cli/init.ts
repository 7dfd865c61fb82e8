// `ccr init`: guided setup of providers and routes, or the same from flags for CI; tests the connection, then writes.
import { configPath } from "../config/paths.ts";
import { presetById } from "../config/presets.ts";
import { saveConfig } from "../config/save.ts";
import type { Command, Io } from "./command.ts";
import { initFlags, keyReference, parseInitFlags, urlProblem, type InitFlags } from "./init-flags.ts";
import { buildDocument, nextSteps, readExisting, summaryText, type InitPlan } from "./init-plan.ts";
import { testProviders } from "./init-test.ts";
import { askKey, askModels, KEYLESS_PLACEHOLDER, ollamaBaseUrl, runWizard } from "./init-wizard.ts";
import { Cancelled, canPrompt } from "./prompter.ts";
import { UsageError } from "./usage-error.ts";

const SYNOPSIS = "ccr init --provider ID --api-key-env VAR --model ID [--model ID] [--router slot=provider,model] [--no-test] [--force]";

/** Sets up config.json: asks in a terminal, takes flags otherwise; Ctrl-C or "no" at any point writes nothing. */
export const initCommand: Command = {
  name: "init",
  summary: "Set up providers and routes in config.json (guided, or from flags in scripts)",
  // In a terminal every flag is optional (the wizard asks); SYNOPSIS is what a script must pass.
  usage: "ccr init [--provider ID --api-key-env VAR --model ID ...]",
  flags: initFlags,
  async run(args, io) {
    const flags = parseInitFlags(args);
    const interactive = canPrompt(io);
    const path = configPath(io.env);
    const existing = await readExisting(path);
    if (!interactive && flags.provider === undefined) throw missingFlags(["--provider", "--model"]);
    if (!interactive && existing.exists && !flags.force) {
      throw new UsageError(`${path} already exists; pass --force to replace its providers and router (a backup is kept)`);
    }
    if (interactive) io.prompter.intro("ccr init");
    if (interactive && existing.exists && !flags.force) {
      const replace = await io.prompter.confirm({
        message: `${path} already exists. Replace its providers and router? (other settings are kept; a backup is made)`,
        initial: false,
      });
      if (!replace) throw new Cancelled();
    }
    const asked = flags.provider === undefined ? await runWizard(io) : await planFromFlags(io, flags, interactive);
    const plan: InitPlan = { ...asked, router: { ...asked.router, ...flags.router } };
    const doc = buildDocument(existing.doc, plan);
    const failed = flags.test ? (await testProviders(io, plan, doc)).filter((o) => !o.ok) : [];
    if (interactive) {
      io.prompter.note(summaryText(plan, path), "Summary");
      const untested = failed.length > 0 && failed.every((o) => o.route === "config");
      const message = untested ? "The connection could not be tested here. Write the config anyway?" : failed.length > 0 ? "The connection test failed. Write the config anyway?" : `Write ${path}?`;
      if (!(await io.prompter.confirm({ message, initial: failed.length === 0 || untested }))) throw new Cancelled();
    } else if (failed.length > 0) {
      const what = failed.map((o) => `${o.route}: ${o.detail}`).join("; ");
      throw new UsageError(`connection test failed (${what}); nothing was written (fix the key or URL, or pass --no-test)`);
    }
    const { backupPath } = await saveConfig(path, doc);
    const done = nextSteps(path, backupPath);
    if (interactive) io.prompter.outro(done);
    else io.stdout.write(`${done}\n`);
    return 0;
  },
};

function missingFlags(missing: readonly string[]): UsageError {
  return new UsageError(
    `missing ${missing.join(", ")}: without an interactive terminal (NON_INTERACTIVE_MODE, CI or no TTY) init takes its answers from flags: ${SYNOPSIS}`,
  );
}

/** One provider from `--provider` and friends; in a terminal, what the flags leave out is asked, otherwise it is an error. */
async function planFromFlags(io: Io, flags: InitFlags, interactive: boolean): Promise<InitPlan> {
  const preset = flags.provider === undefined ? undefined : presetById(flags.provider);
  if (preset === undefined) throw missingFlags(["--provider"]);
  const custom = preset.api_base_url === "";
  const keyGiven = flags.apiKeyEnv !== undefined || flags.apiKey !== undefined;
  const missing = [
    ...(custom && flags.baseUrl === undefined ? ["--base-url"] : []),
    ...(preset.keyEnv !== undefined && !keyGiven ? ["--api-key-env (or --api-key)"] : []),
    ...(flags.models.length === 0 ? ["--model"] : []),
  ];
  if (!interactive && missing.length > 0) throw missingFlags(missing);
  const presetUrl = preset.modelList === "ollama" ? ollamaBaseUrl(io.env, preset) : preset.api_base_url;
  const baseUrl = flags.baseUrl ?? (custom ? await askUrl(io) : presetUrl);
  let apiKey: string;
  if (flags.apiKeyEnv !== undefined) apiKey = keyReference(flags.apiKeyEnv);
  else if (flags.apiKey !== undefined) {
    io.stderr.write("warning: --api-key stores the key in config.json as written; --api-key-env VAR keeps only $VAR in the file\n");
    apiKey = flags.apiKey;
  } else if (preset.modelList === "ollama") apiKey = KEYLESS_PLACEHOLDER;
  else if (!interactive) apiKey = "";
  else apiKey = await askKey(io, preset, flags.name ?? preset.id);
  const models = flags.models.length > 0 ? flags.models : await askModels(io, preset, baseUrl);
  return { providers: [{ preset, name: flags.name ?? preset.id, baseUrl, apiKey, models }], router: {} };
}

async function askUrl(io: Io): Promise<string> {
  return io.prompter.text({ message: "Endpoint URL of the OpenAI-compatible server", placeholder: "http://127.0.0.1:8000/v1/chat/completions", validate: urlProblem });
}
