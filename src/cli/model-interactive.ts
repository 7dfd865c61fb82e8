// `ccr model` in a terminal: a menu over the slots, models and providers; nothing is written until "Save".
import { ConfigError } from "../errors.ts";
import type { Io } from "./command.ts";
import {
  allRoutes,
  declaredProviders,
  modelNames,
  SLOTS,
  slotsTable,
  slotValue,
  withModels,
  withSlot,
  type ConfigDocument,
  type Slot,
} from "./model-document.ts";
import { askProvider } from "./model-provider.ts";
import { readDocument, saveEdited, type LoadedDocument } from "./model-save.ts";
import type { Prompter } from "./prompter.ts";

type Action = "switch" | "add-model" | "add-provider" | "save" | "quit";

const UNSET = "(unset)";
const OTHER = "(another model…)";

async function pickProvider(prompter: Prompter, doc: ConfigDocument, message: string): Promise<string> {
  const providers = declaredProviders(doc);
  return prompter.select({ message, choices: providers.map((p) => ({ value: p.name, hint: p.models.join(", ") })) });
}

async function askNewModels(prompter: Prompter, doc: ConfigDocument, provider: string): Promise<string[]> {
  const listed = declaredProviders(doc).find((p) => p.name === provider)?.models ?? [];
  const answer = await prompter.text({
    message: `Model name(s) to add to ${provider} (comma-separated)`,
    validate: (text) => {
      const names = modelNames(text);
      if (names.length === 0) return "enter at least one model name";
      const known = names.find((n) => listed.includes(n));
      return known === undefined ? undefined : `${provider} already lists "${known}"`;
    },
  });
  return modelNames(answer);
}

/** Picks a slot and a route for it; "another model" adds the model to its provider too. */
async function switchSlot(prompter: Prompter, doc: ConfigDocument): Promise<ConfigDocument> {
  const slot = await prompter.select<Slot>({
    message: "Which slot?",
    choices: SLOTS.map((s) => ({ value: s, hint: slotValue(doc, s) ?? UNSET })),
  });
  const current = slotValue(doc, slot);
  const routes = allRoutes(doc);
  const choice = await prompter.select({
    message: `Route ${slot} to`,
    choices: [...routes.map((r) => ({ value: r, hint: r === current ? "current" : undefined })), { value: OTHER }, { value: UNSET }],
    initial: current !== undefined && routes.includes(current) ? current : undefined,
  });
  if (choice === UNSET) return withSlot(doc, slot, undefined);
  if (choice !== OTHER) return withSlot(doc, slot, choice);
  const provider = await pickProvider(prompter, doc, "Provider of the model");
  const model = (await prompter.text({ message: "Model name", validate: (t) => (t.trim() === "" ? "enter a model name" : undefined) })).trim();
  return withSlot(withModels(doc, provider, [model]), slot, `${provider},${model}`);
}

async function addModels(prompter: Prompter, doc: ConfigDocument): Promise<ConfigDocument> {
  const provider = await pickProvider(prompter, doc, "Add models to which provider?");
  return withModels(doc, provider, await askNewModels(prompter, doc, provider));
}

function actions(doc: ConfigDocument, changed: boolean) {
  const hasProviders = declaredProviders(doc).length > 0;
  return [
    ...(hasProviders ? [{ value: "switch" as const, label: "Switch a slot's model" }] : []),
    ...(hasProviders ? [{ value: "add-model" as const, label: "Add a model to a provider" }] : []),
    { value: "add-provider" as const, label: "Add a provider" },
    ...(changed ? [{ value: "save" as const, label: "Save and exit" }] : []),
    { value: "quit" as const, label: changed ? "Quit without saving" : "Quit" },
  ];
}

/** The menu loop; Escape at any question (Cancelled) leaves the file untouched. */
export async function interactiveModel(io: Io): Promise<number> {
  const { prompter } = io;
  const loaded = await readDocument(io.env);
  let doc = loaded.doc;
  let changed = false;
  prompter.intro("ccr model");
  for (;;) {
    prompter.note(slotsTable(doc), changed ? "Current setup (unsaved changes)" : "Current setup");
    const action = await prompter.select<Action>({
      message: "What do you want to do?",
      choices: actions(doc, changed),
      initial: changed ? "save" : undefined,
    });
    if (action === "quit") {
      prompter.outro(changed ? "Nothing was saved." : "No changes.");
      return 0;
    }
    if (action === "save") {
      const saved = await trySave(loaded, doc, io);
      if (saved) return 0;
      continue;
    }
    if (action === "switch") doc = await switchSlot(prompter, doc);
    else if (action === "add-model") doc = await addModels(prompter, doc);
    else doc = await askProvider(prompter, doc);
    changed = true;
  }
}

/** Saves, or shows why the edit is refused and goes back to the menu (the edits are kept for another try). */
async function trySave(loaded: LoadedDocument, doc: ConfigDocument, io: Io): Promise<boolean> {
  try {
    io.prompter.outro((await saveEdited(loaded, doc, io.env)).join("\n"));
    return true;
  } catch (err) {
    if (!(err instanceof ConfigError) || err.issues.length === 0) throw err;
    io.prompter.note(err.message, "Not saved");
    return false;
  }
}
