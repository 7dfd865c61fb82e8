import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RouterSlots } from "../../src/config/compiled.ts";
import { createOverrideStore, type OverrideStore } from "../../src/config/overrides.ts";
import { provider } from "../helpers/compiled-config.ts";

const PROJECT = "-tmp-proj";
const SESSION = "0b7e6f0c-1d2a-4c1e-9f00-123456789abc";

const providers = new Map([
  ["mock", provider("mock", ["m1", "m2", "m3"])],
  ["other", provider("other", [])],
]);

const global: RouterSlots = {
  default: { provider: "mock", model: "m1" },
  background: { provider: "mock", model: "m1" },
  think: { provider: "mock", model: "m2" },
  longContext: undefined,
  longContextThreshold: 60000,
  webSearch: undefined,
  image: undefined,
};

let root = "";
let ccrHome = "";
let claudeHome = "";
let clock = 0;
let errors: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "ccr-overrides-"));
  ccrHome = join(root, "ccr");
  claudeHome = join(root, "claude");
  clock = 1_000_000;
  errors = [];
  await mkdir(join(claudeHome, "projects", PROJECT), { recursive: true });
  await mkdir(join(claudeHome, "projects", "-other-proj"), { recursive: true });
  await writeFile(join(claudeHome, "projects", PROJECT, `${SESSION}.jsonl`), "{}\n");
  await mkdir(join(ccrHome, PROJECT), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function store(): OverrideStore {
  return createOverrideStore({ ccrHome, claudeHome, providers, now: () => clock, onError: (message) => errors.push(message) });
}

async function writeOverride(name: string, router: unknown): Promise<string> {
  const file = join(ccrHome, PROJECT, name);
  await writeFile(file, JSON.stringify({ Router: router }));
  return file;
}

/** Moves a file's mtime so a rewrite is seen as a change without sleeping. */
async function touch(file: string, secondsAhead: number): Promise<void> {
  const when = new Date(Date.now() + secondsAhead * 1000);
  await utimes(file, when, when);
}

describe("createOverrideStore", () => {
  test("returns the global Router when the session has no override files", async () => {
    expect(await store().routerFor(SESSION, global)).toBe(global);
  });

  test("applies the project override, keeping the global keys it does not set", async () => {
    await writeOverride("config.json", { default: "other,big", longContextThreshold: 1000 });
    const router = await store().routerFor(SESSION, global);
    expect(router).toEqual({ ...global, default: { provider: "other", model: "big" }, longContextThreshold: 1000 });
  });

  test("lets the session override beat the project one key by key", async () => {
    await writeOverride("config.json", { default: "other,big", think: "mock,m3" });
    await writeOverride(`${SESSION}.json`, { think: "other,deep", webSearch: "mock,m2" });
    const router = await store().routerFor(SESSION, global);
    expect(router).toEqual({
      ...global,
      default: { provider: "other", model: "big" },
      think: { provider: "other", model: "deep" },
      webSearch: { provider: "mock", model: "m2" },
    });
  });

  test("accepts comments and trailing commas and treats empty routes as unset", async () => {
    const file = join(ccrHome, PROJECT, "config.json");
    await writeFile(file, '{\n  // project router\n  "Router": { "default": "mock,m3", "think": "", },\n}\n');
    const router = await store().routerFor(SESSION, global);
    expect(router).toEqual({ ...global, default: { provider: "mock", model: "m3" } });
  });

  test("ignores an override naming an unknown provider, reports it once and applies the other file", async () => {
    const bad = await writeOverride(`${SESSION}.json`, { default: "nope,x", think: "mock,m3" });
    await writeOverride("config.json", { think: "other,deep" });
    const overrides = store();
    const router = await overrides.routerFor(SESSION, global);
    expect(router).toEqual({ ...global, think: { provider: "other", model: "deep" } });
    clock += 5000;
    await overrides.routerFor(SESSION, global);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(bad);
    expect(errors[0]).toContain('Router.default: unknown provider "nope"');
  });

  test("ignores an override file with a syntax error", async () => {
    const file = join(ccrHome, PROJECT, "config.json");
    await writeFile(file, '{ "Router": { "default": "mock,m2" ');
    expect(await store().routerFor(SESSION, global)).toBe(global);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toStartWith(`Ignoring Router override ${file}: line 1`);
  });

  test("picks up an edited file once a second has passed, and not before", async () => {
    const file = await writeOverride("config.json", { default: "mock,m2" });
    const overrides = store();
    expect((await overrides.routerFor(SESSION, global)).default).toEqual({ provider: "mock", model: "m2" });
    await writeOverride("config.json", { default: "mock,m3" });
    await touch(file, 10);
    clock += 500;
    expect((await overrides.routerFor(SESSION, global)).default).toEqual({ provider: "mock", model: "m2" });
    clock += 600;
    expect((await overrides.routerFor(SESSION, global)).default).toEqual({ provider: "mock", model: "m3" });
  });

  test("notices an override file created after the session's first request", async () => {
    const overrides = store();
    expect(await overrides.routerFor(SESSION, global)).toBe(global);
    await writeOverride(`${SESSION}.json`, { default: "mock,m2" });
    clock += 1001;
    expect((await overrides.routerFor(SESSION, global)).default).toEqual({ provider: "mock", model: "m2" });
  });

  test("finds a transcript created after the first request once the negative cache expires", async () => {
    const late = "late-session";
    await writeOverride("config.json", { default: "mock,m2" });
    const overrides = store();
    expect(await overrides.routerFor(late, global)).toBe(global);
    await writeFile(join(claudeHome, "projects", PROJECT, `${late}.jsonl`), "{}\n");
    clock += 10_000;
    expect(await overrides.routerFor(late, global)).toBe(global);
    clock += 25_000;
    expect((await overrides.routerFor(late, global)).default).toEqual({ provider: "mock", model: "m2" });
  });

  test("refuses session ids that could leave the project folder", async () => {
    await writeFile(join(claudeHome, "projects", `${PROJECT}.jsonl`), "{}\n");
    await writeFile(join(ccrHome, `${PROJECT}.json`), JSON.stringify({ Router: { default: "mock,m2" } }));
    const overrides = store();
    for (const id of [`../${PROJECT}`, `..\\${PROJECT}`, "..", "", undefined]) {
      expect(await overrides.routerFor(id, global)).toBe(global);
    }
  });

  test("returns the global Router when the Claude Code projects folder does not exist", async () => {
    await rm(join(claudeHome, "projects"), { recursive: true });
    expect(await store().routerFor(SESSION, global)).toBe(global);
    expect(errors).toEqual([]);
  });
});
