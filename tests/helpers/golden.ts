// Golden files: compare a value with the checked-in expected file; `UPDATE_GOLDEN=1 bun test` rewrites it instead.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect } from "bun:test";

function updating(): boolean {
  return process.env.UPDATE_GOLDEN === "1";
}

/** Asserts `actual` equals the text in `path` (or writes it there under UPDATE_GOLDEN=1). */
export function expectGoldenText(path: string, actual: string): void {
  if (updating()) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}; run UPDATE_GOLDEN=1 bun test and review the diff`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

/** Asserts `actual` equals the JSON in `path`, pretty-printed with two spaces (or writes it under UPDATE_GOLDEN=1). */
export function expectGoldenJson(path: string, actual: unknown): void {
  expectGoldenText(path, `${JSON.stringify(actual, null, 2)}\n`);
}

/** Reads a fixture file as JSON. */
export function readFixtureJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}
