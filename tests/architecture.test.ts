// DESIGN.md §3: the pure core stays pure, SSE framing lives in src/sse, no default exports, no `any`,
// only main.ts exits, only the CLI writes to the console.
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(import.meta.dir, "..");
const PURE_FOLDERS = ["router", "formats", "sse", "transformers", "providers", "statusline"];

interface Rule {
  what: string;
  pattern: RegExp;
}

const IMPURE: readonly Rule[] = [
  { what: "imports fs or child_process", pattern: /\bfrom\s*["'](?:node:)?(?:fs|child_process)(?:\/[\w]+)?["']/ },
  { what: "imports fs or child_process", pattern: /\b(?:import|require)\s*\(\s*["'](?:node:)?(?:fs|child_process)(?:\/[\w]+)?["']/ },
  { what: "imports a bun: module", pattern: /\bfrom\s*["']bun:(?!test["'])/ },
  { what: "uses Bun", pattern: /\bBun\./ },
  { what: "calls fetch", pattern: /(?<![\w.])fetch\(/ },
  { what: "uses process", pattern: /(?<![\w.])process\./ },
];
const SSE_FRAMING: Rule = { what: "writes SSE framing outside src/sse", pattern: /["'`]data: / };
const DEFAULT_EXPORT: Rule = { what: "has a default export", pattern: /\bexport\s+default\b/ };
const EXIT: Rule = { what: "exits the process outside src/main.ts", pattern: /\bprocess\.exit\b/ };
const CONSOLE: Rule = { what: "writes to the console outside src/cli", pattern: /\bconsole\.(?:log|info|warn|error|debug)\b/ };
const ANY: Rule = { what: "uses any", pattern: /:\s*any\b|\bas\s+any\b|<\s*any\s*[,>]|,\s*any\s*>|\bany\[\]/ };

/** Source without comments; `//` counts as a comment only at line start or after whitespace, so URLs survive. */
function stripComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, " "))
    .replace(/(^|\s)\/\/.*$/gm, "$1");
}

/** Source without comments and string literal contents, for rules about types and keywords. */
function stripStrings(source: string): string {
  return stripComments(source).replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
}

/** `line: text` for every line of `code` that matches `rule`. */
function findViolations(code: string, rule: Rule): string[] {
  return code.split("\n").flatMap((line, i) => (rule.pattern.test(line) ? [`${i + 1}: ${rule.what}: ${line.trim()}`] : []));
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => join(dir, f))
    .sort();
}

function check(files: readonly string[], rules: readonly Rule[], prepare: (source: string) => string): string[] {
  return files.flatMap((file) => {
    const code = prepare(readFileSync(file, "utf8"));
    return rules.flatMap((rule) => findViolations(code, rule)).map((v) => `${relative(ROOT, file)}:${v}`);
  });
}

const srcFiles = sourceFiles(join(ROOT, "src"));
const pureFiles = PURE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, "src", folder)));

describe("architecture", () => {
  test("finds the source files it checks", () => {
    expect(pureFiles.length).toBeGreaterThan(0);
    expect(srcFiles.length).toBeGreaterThan(pureFiles.length);
  });

  test("keeps router, formats, sse, transformers, providers and statusline free of fs, child_process, Bun, fetch and process", () => {
    expect(check(pureFiles, IMPURE, stripComments)).toEqual([]);
  });

  test('keeps the SSE framing "data: " inside src/sse', () => {
    const outsideSse = srcFiles.filter((f) => !relative(join(ROOT, "src"), f).startsWith("sse/"));
    expect(check(outsideSse, [SSE_FRAMING], stripComments)).toEqual([]);
  });

  test("uses named exports only", () => {
    expect(check(srcFiles, [DEFAULT_EXPORT], stripStrings)).toEqual([]);
  });

  test("exits the process only in src/main.ts and writes to the console only in src/cli", () => {
    const notMain = srcFiles.filter((f) => relative(ROOT, f) !== join("src", "main.ts"));
    expect(check(notMain, [EXIT], stripComments)).toEqual([]);
    const notCli = notMain.filter((f) => !relative(join(ROOT, "src"), f).startsWith("cli/"));
    expect(check(notCli, [CONSOLE], stripComments)).toEqual([]);
  });

  test("never types anything as any", () => {
    expect(check(srcFiles, [ANY], stripStrings)).toEqual([]);
  });
});

describe("architecture rules", () => {
  test("catch every forbidden import, global and call", () => {
    const code = [
      'import { readFile } from "node:fs/promises";',
      "import { spawn } from 'child_process';",
      'const fs = await import("fs");',
      "const res = await fetch(url);",
      "const home = process.env.HOME;",
      "const text = await Bun.file(path).text();",
      'import { Database } from "bun:sqlite";',
    ].join("\n");
    expect(IMPURE.flatMap((rule) => findViolations(code, rule)).map((v) => v.split(":")[0])).toEqual(["1", "2", "3", "7", "6", "4", "5"]);
  });

  test("leave comments, strings and look-alike names alone", () => {
    const code = stripComments(
      ["// no fetch() here, no process.env", "/** Bun.file is shell-only */", 'const url = "https://x/y"; // as any', "prefetch(x); obj.process.run();"].join("\n"),
    );
    expect(IMPURE.flatMap((rule) => findViolations(code, rule))).toEqual([]);
    expect(findViolations(stripStrings('throw new Error("such as any value: any");'), ANY)).toEqual([]);
  });

  test("catch SSE framing, default exports and every spelling of any", () => {
    expect(findViolations("const line = `data: ${json}`;", SSE_FRAMING)).toHaveLength(1);
    expect(findViolations("export default function x() {}", DEFAULT_EXPORT)).toHaveLength(1);
    expect(findViolations("process.exit(1);", EXIT)).toHaveLength(1);
    expect(findViolations('console.log("hi");', CONSOLE)).toHaveLength(1);
    const anys = ["let a: any;", "b as any", "new Map<any, string>()", "Record<string, any>", "let c: any[] = [];", "f<any>()"];
    expect(anys.filter((line) => findViolations(line, ANY).length === 0)).toEqual([]);
  });
});
