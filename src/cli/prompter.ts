// Interactive questions and progress, behind one small interface: @clack/prompts in a terminal, scripted answers in tests.
import * as clack from "@clack/prompts";
import { UsageError } from "./usage-error.ts";

export interface Choice<T extends string> {
  value: T;
  label?: string;
  hint?: string;
}

export interface TextQuestion {
  message: string;
  placeholder?: string;
  initial?: string;
  /** Returns a problem to show (and ask again), or undefined when the answer is fine. */
  validate?: (value: string) => string | undefined;
}

/** A running spinner; in tests and without a terminal it prints plain lines instead of animating. */
export interface Progress {
  message(text: string): void;
  stop(text: string): void;
  fail(text: string): void;
  /** Removes the spinner without a line of its own: the caller prints the outcome (one line, not two). */
  clear(): void;
}

/** Everything a command may ask the user; each question resolves with the answer or throws `Cancelled`. */
export interface Prompter {
  text(q: TextQuestion): Promise<string>;
  password(q: { message: string; validate?: (value: string) => string | undefined }): Promise<string>;
  select<T extends string>(q: { message: string; choices: readonly Choice<T>[]; initial?: T }): Promise<T>;
  multiselect<T extends string>(q: { message: string; choices: readonly Choice<T>[]; initial?: readonly T[]; required?: boolean }): Promise<T[]>;
  confirm(q: { message: string; initial?: boolean }): Promise<boolean>;
  intro(title: string): void;
  outro(message: string): void;
  note(message: string, title?: string): void;
  spinner(text: string): Progress;
}

/** The exit code of a command interrupted with Ctrl-C (128 + SIGINT), as shells report it. */
export const INTERRUPTED = 130;

/** The user pressed Ctrl-C or Escape at a prompt; commands let it propagate and exit 1 with this message. */
export class Cancelled extends UsageError {
  constructor() {
    super("cancelled; nothing was changed");
  }
}

/** True when the command may ask questions: a terminal on both ends and neither `NON_INTERACTIVE_MODE` nor `CI` set. */
export function canPrompt(io: { isTTY: boolean; env: Record<string, string | undefined> }): boolean {
  const truthy = (value: string | undefined) => value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
  return io.isTTY && !truthy(io.env.NON_INTERACTIVE_MODE) && !truthy(io.env.CI);
}

function answered<T>(value: T): Exclude<T, symbol> {
  if (clack.isCancel(value)) throw new Cancelled();
  // clack returns either the answer or its cancel symbol, excluded above.
  return value as Exclude<T, symbol>;
}

const options = <T extends string>(choices: readonly Choice<T>[]) =>
  // clack's Option<T> for string values is exactly {value, label?, hint?}.
  choices.map((c) => ({ value: c.value, label: c.label ?? c.value, hint: c.hint })) as clack.Option<T>[];

/** The terminal prompter, drawing with @clack/prompts on the process's own stdin/stdout. */
export function clackPrompter(): Prompter {
  return {
    text: async (q) =>
      answered(await clack.text({ message: q.message, placeholder: q.placeholder, initialValue: q.initial, validate: q.validate ? (v) => q.validate?.(v ?? "") : undefined })),
    password: async (q) => answered(await clack.password({ message: q.message, validate: q.validate ? (v) => q.validate?.(v ?? "") : undefined })),
    select: async <T extends string>(q: { message: string; choices: readonly Choice<T>[]; initial?: T }) =>
      answered(await clack.select<T>({ message: q.message, options: options(q.choices), initialValue: q.initial })),
    multiselect: async <T extends string>(q: { message: string; choices: readonly Choice<T>[]; initial?: readonly T[]; required?: boolean }) =>
      answered(await clack.multiselect<T>({ message: q.message, options: options(q.choices), initialValues: q.initial, required: q.required ?? false })),
    confirm: async (q) => answered(await clack.confirm({ message: q.message, initialValue: q.initial })),
    intro: (title) => clack.intro(title),
    outro: (message) => clack.outro(message),
    note: (message, title) => clack.note(message, title),
    spinner: (text) => {
      const s = clack.spinner({ cancelMessage: "interrupted" });
      // On Ctrl-C clack's spinner calls process.exit(0): an interrupted command must not exit as a success.
      const interrupted = () => {
        process.exitCode = INTERRUPTED;
      };
      process.once("exit", interrupted);
      const done = () => void process.off("exit", interrupted);
      s.start(text);
      return {
        message: (t) => s.message(t),
        stop: (t) => (done(), s.stop(t)),
        fail: (t) => (done(), s.error(t)),
        clear: () => {
          done();
          s.clear();
          // clack drew a guide bar ("│") above the spinner; erase it too so nothing is left of the spinner.
          if (process.stdout.isTTY) process.stdout.write("\x1b[1A\x1b[2K");
        },
      };
    },
  };
}

/** A prompter that never asks: any question is an error naming what was missing (no TTY, CI, NON_INTERACTIVE_MODE). */
export function noPrompter(write: (text: string) => void): Prompter {
  const refuse = (message: string): never => {
    throw new UsageError(`cannot ask "${message}" without an interactive terminal (NON_INTERACTIVE_MODE, CI or no TTY); pass it as a flag`);
  };
  return {
    text: async (q) => refuse(q.message),
    password: async (q) => refuse(q.message),
    select: async (q) => refuse(q.message),
    multiselect: async (q) => refuse(q.message),
    confirm: async (q) => refuse(q.message),
    intro: () => {},
    outro: (message) => write(`${message}\n`),
    note: (message) => write(`${message}\n`),
    spinner: () => ({ message: () => {}, stop: (t) => write(`${t}\n`), fail: (t) => write(`${t}\n`), clear: () => {} }),
  };
}
