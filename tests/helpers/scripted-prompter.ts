// A Prompter that answers from a script, in order, and fails the test when a question is not the one expected.
import type { Choice, Prompter } from "../../src/cli/prompter.ts";
import { Cancelled } from "../../src/cli/prompter.ts";

/** One expected question: its message must contain `ask` (or match it); `answer` is returned, `cancel` presses Escape. */
export type ScriptedAnswer =
  | { ask: string | RegExp; answer: string | boolean | readonly string[] }
  | { ask: string | RegExp; cancel: true };

export interface ScriptedPrompter {
  prompter: Prompter;
  /** Every question asked, with the choices offered when there were any. */
  asked: { message: string; choices?: readonly string[] }[];
  /** Everything shown with note/outro/spinner, in order. */
  shown: string[];
  /** Answers not used yet (a finished script has none). */
  remaining(): number;
}

/** Answers the questions in order; a question the script did not expect throws with both texts. */
export function scriptedPrompter(script: readonly ScriptedAnswer[]): ScriptedPrompter {
  const queue = [...script];
  const asked: ScriptedPrompter["asked"] = [];
  const shown: string[] = [];
  const next = (message: string, choices?: readonly Choice<string>[]): unknown => {
    asked.push({ message, choices: choices?.map((c) => c.value) });
    const step = queue.shift();
    if (!step) throw new Error(`unexpected question "${message}": the script has no answers left`);
    const ok = typeof step.ask === "string" ? message.includes(step.ask) : step.ask.test(message);
    if (!ok) throw new Error(`expected a question matching ${String(step.ask)}, got "${message}"`);
    if ("cancel" in step) throw new Cancelled();
    if (choices && typeof step.answer === "string" && !choices.some((c) => c.value === step.answer)) {
      throw new Error(`answer "${step.answer}" is not among the choices of "${message}": ${choices.map((c) => c.value).join(", ")}`);
    }
    return step.answer;
  };
  const asString = (value: unknown, message: string): string => {
    if (typeof value !== "string") throw new Error(`"${message}" needs a string answer`);
    return value;
  };
  const prompter: Prompter = {
    text: async (q) => {
      const value = asString(next(q.message), q.message);
      const problem = q.validate?.(value);
      if (problem) throw new Error(`answer "${value}" to "${q.message}" was refused: ${problem}`);
      return value;
    },
    password: async (q) => asString(next(q.message), q.message),
    select: async <T extends string>(q: { message: string; choices: readonly Choice<T>[] }) => asString(next(q.message, q.choices), q.message) as T, // checked against the choices above
    multiselect: async <T extends string>(q: { message: string; choices: readonly Choice<T>[] }) => {
      const value = next(q.message, q.choices);
      if (!Array.isArray(value)) throw new Error(`"${q.message}" needs a list answer`);
      return value as T[]; // a scripted list of choice values
    },
    confirm: async (q) => {
      const value = next(q.message);
      if (typeof value !== "boolean") throw new Error(`"${q.message}" needs true or false`);
      return value;
    },
    intro: () => {},
    outro: (message) => void shown.push(message),
    note: (message) => void shown.push(message),
    spinner: (text) => {
      shown.push(text);
      return { message: (t) => void shown.push(t), stop: (t) => void shown.push(t), fail: (t) => void shown.push(t), clear: () => {} };
    },
  };
  return { prompter, asked, shown, remaining: () => queue.length };
}
