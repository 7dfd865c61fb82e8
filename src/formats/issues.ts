// Turns valibot issues into one-line messages that name the field and what was expected.
import type * as v from "valibot";

type Issue = v.BaseIssue<unknown>;

type PathItem = NonNullable<Issue["path"]>[number];

/** `messages[0].content[1].text` style rendering of an issue path. */
export function formatPath(path: readonly PathItem[]): string {
  let out = "";
  for (const item of path) {
    const key = item.key;
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A short rendering of the value that was received, never longer than about 45 characters. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** For a union, the branch issue that got furthest into the value explains the failure best.
 * Branch issue paths are relative to the union's own value, so paths are joined on the way down. */
function deepest(issue: Issue, prefix: readonly PathItem[] = []): { issue: Issue; path: PathItem[] } {
  const path = [...prefix, ...(issue.path ?? [])];
  let best = { issue, path };
  for (const sub of issue.issues ?? []) {
    const candidate = deepest(sub, path);
    if (candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

/** What a schema or check expected: a custom message when one was given, else valibot's `expected`. */
function expectedOf(issue: Issue): string {
  if (issue.kind === "validation") return issue.message.startsWith("Invalid") ? issue.type.replaceAll("_", " ") : issue.message;
  if (issue.kind === "schema" && !issue.message.startsWith("Invalid")) return issue.message;
  return issue.expected ?? issue.message;
}

/** One issue split into its rendered path (empty at the root) and what is wrong there. */
export function describeIssue(raw: Issue): { path: string; message: string } {
  const { issue, path: items } = deepest(raw);
  const path = formatPath(items);
  if (issue.kind === "schema" && issue.type.startsWith("strict_") && issue.expected === "never") return { path, message: "unknown key" };
  if (issue.kind === "schema" && issue.input === undefined) return { path, message: "required field is missing" };
  return { path, message: `expected ${expectedOf(issue)}, got ${describeValue(issue.input)}` };
}

/** One issue as `path: expected X, got Y`. */
export function formatIssue(raw: Issue): string {
  const { path, message } = describeIssue(raw);
  return `${path || "(body)"}: ${message}`;
}

/** Every issue, one per line, deduplicated. */
export function formatIssues(issues: readonly Issue[]): string[] {
  return [...new Set(issues.map(formatIssue))];
}
