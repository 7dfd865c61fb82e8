// `ccr model`: show the Router slots; switch slots, add models and providers (interactively or with flags); saves with a backup.
import type { Command, Io } from "./command.ts";
import { expectNoPositionals, parseFlags, type FlagSpec } from "./flags.ts";
import { isSlot, slotsTable, splitRoute, withModels, withSlot, type ConfigDocument } from "./model-document.ts";
import { interactiveModel } from "./model-interactive.ts";
import { readDocument, saveEdited } from "./model-save.ts";
import { canPrompt } from "./prompter.ts";
import { UsageError } from "./usage-error.ts";

const modelFlags = [
  { name: "set", type: "string", placeholder: "SLOT=PROVIDER,MODEL", description: "Route a Router slot (default, background, think, longContext, webSearch, image); repeatable; SLOT= clears it" },
  { name: "add-model", type: "string", placeholder: "PROVIDER,MODEL", description: "Add a model to a provider's models; repeatable" },
  { name: "list", type: "boolean", description: "Print the slots and providers and exit" },
] as const satisfies readonly FlagSpec[];

const FLAG_HELP = "--set SLOT=PROVIDER,MODEL (repeatable), --add-model PROVIDER,MODEL (repeatable), --list";
const REPEATABLE = ["--set", "--add-model"] as const;

interface Edits {
  sets: string[];
  addModels: string[];
  rest: string[];
}

/** Pulls the repeatable flags out of argv (the shared parser keeps only the last value of a flag). */
function collectEdits(args: readonly string[]): Edits {
  const edits: Edits = { sets: [], addModels: [], rest: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const flag = REPEATABLE.find((f) => arg === f || arg.startsWith(`${f}=`));
    if (flag === undefined) {
      edits.rest.push(arg);
      continue;
    }
    const value = arg === flag ? args[++i] : arg.slice(flag.length + 1);
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag}: expected a value (flags: ${FLAG_HELP})`);
    (flag === "--set" ? edits.sets : edits.addModels).push(value);
  }
  return edits;
}

function applySet(doc: ConfigDocument, text: string): ConfigDocument {
  const eq = text.indexOf("=");
  const slot = eq === -1 ? text : text.slice(0, eq);
  if (eq === -1 || !isSlot(slot)) throw new UsageError(`--set "${text}": expected SLOT=PROVIDER,MODEL with SLOT one of default, background, think, longContext, webSearch, image`);
  const route = text.slice(eq + 1).trim();
  if (route === "") return withSlot(doc, slot, undefined);
  const parts = splitRoute(route);
  if (parts === undefined) throw new UsageError(`--set "${text}": expected PROVIDER,MODEL after "="`);
  return withSlot(doc, slot, `${parts.provider},${parts.model}`);
}

function applyAddModel(doc: ConfigDocument, text: string): ConfigDocument {
  const parts = splitRoute(text);
  if (parts === undefined) throw new UsageError(`--add-model "${text}": expected PROVIDER,MODEL`);
  return withModels(doc, parts.provider, [parts.model]);
}

/** Applies the flags' edits in one save: models are added first, so a `--set` may use a model added alongside. */
async function nonInteractive(edits: Edits, io: Io): Promise<number> {
  const loaded = await readDocument(io.env);
  let doc = loaded.doc;
  for (const text of edits.addModels) doc = applyAddModel(doc, text);
  for (const text of edits.sets) doc = applySet(doc, text);
  const notes = await saveEdited(loaded, doc, io.env);
  io.stdout.write(`${slotsTable(doc)}\n${notes.join("\n")}\n`);
  return 0;
}

/** Interactive in a terminal; with flags (or without a terminal) a non-interactive form that never asks. */
export const modelCommand: Command = {
  name: "model",
  summary: "Show the Router slots; switch a slot, add a model or a provider (saved with a backup, applied without restart)",
  usage: "ccr model [--set SLOT=PROVIDER,MODEL]... [--add-model PROVIDER,MODEL]... [--list]",
  flags: modelFlags,
  async run(args, io) {
    const edits = collectEdits(args);
    const { flags, positionals } = parseFlags(edits.rest, modelFlags);
    expectNoPositionals(positionals);
    if (edits.sets.length > 0 || edits.addModels.length > 0) return nonInteractive(edits, io);
    if (flags.list === true || !canPrompt(io)) {
      const { doc } = await readDocument(io.env);
      io.stdout.write(`${slotsTable(doc)}\n`);
      if (flags.list !== true) io.stderr.write(`ccr model: not asking (no terminal, CI or NON_INTERACTIVE_MODE); change the config with flags: ${FLAG_HELP}\n`);
      return 0;
    }
    return interactiveModel(io);
  },
};
