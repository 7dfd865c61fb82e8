import { describe, expect, test } from "bun:test";
import { mergeRouter } from "../../src/router/merge.ts";
import { ALL_SLOTS, DEFAULT_ONLY, to } from "../helpers/decide-input.ts";

describe("mergeRouter", () => {
  test("returns the global Router when there are no overrides", () => {
    expect(mergeRouter(ALL_SLOTS)).toEqual(ALL_SLOTS);
  });

  test("lets a project override replace only the keys it sets", () => {
    const merged = mergeRouter(ALL_SLOTS, { think: to("p-think"), longContextThreshold: 100_000 });
    expect(merged).toEqual({ ...ALL_SLOTS, think: to("p-think"), longContextThreshold: 100_000 });
  });

  test("puts the session override over the project over the global, key by key", () => {
    const merged = mergeRouter(
      ALL_SLOTS,
      { default: to("p-default"), think: to("p-think") },
      { think: to("s-think"), image: to("s-image") },
    );
    expect(merged).toEqual({ ...ALL_SLOTS, default: to("p-default"), think: to("s-think"), image: to("s-image") });
  });

  test("does not erase a key that an override sets to undefined", () => {
    const merged = mergeRouter(ALL_SLOTS, { think: undefined, default: to("p") }, { default: undefined, background: undefined });
    expect(merged).toEqual({ ...ALL_SLOTS, default: to("p") });
  });

  test("adds slots the global Router lacks", () => {
    expect(mergeRouter(DEFAULT_ONLY, undefined, { webSearch: to("web") }).webSearch).toEqual(to("web"));
  });

  test("keeps a zero threshold from an override", () => {
    expect(mergeRouter(ALL_SLOTS, { longContextThreshold: 0 }).longContextThreshold).toBe(0);
  });

  test("does not change its inputs", () => {
    const global = structuredClone(ALL_SLOTS);
    const project = { think: to("p") };
    mergeRouter(global, project, { think: to("s") });
    expect(global).toEqual(ALL_SLOTS);
    expect(project).toEqual({ think: to("p") });
  });
});
