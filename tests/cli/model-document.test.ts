import { describe, expect, test } from "bun:test";
import { allRoutes, slotsTable, splitRoute, withModels, withProvider, withSlot } from "../../src/cli/model-document.ts";

const doc = {
  providers: [{ name: "a", api_base_url: "http://x/v1/chat/completions", api_key: "$KEY", models: ["m1"] }],
  Router: { default: "a,m1" },
};

describe("model document edits", () => {
  test("return new documents and leave the original untouched", () => {
    const before = JSON.stringify(doc);
    const edited = withModels(withSlot(doc, "think", "a,m2"), "a", ["m2"]);
    expect(JSON.stringify(doc)).toBe(before);
    expect(edited.Router).toEqual({ default: "a,m1", think: "a,m2" });
    expect(allRoutes(edited)).toEqual(["a,m1", "a,m2"]);
  });

  test("edit CCR's lower-case providers list where the file uses it", () => {
    const edited = withProvider(doc, { name: "b", api_base_url: "http://y/v1/chat/completions", api_key: "", models: ["n"] });
    expect(edited.Providers).toBeUndefined();
    expect(allRoutes(edited)).toEqual(["a,m1", "b,n"]);
    expect(() => withProvider(edited, { name: "b", api_base_url: "http://z", api_key: "", models: [] })).toThrow('a provider named "b" already exists');
  });

  test("render the slots with unset ones marked", () => {
    expect(slotsTable(doc)).toContain("  default      a,m1\n  background   (unset)\n");
  });

  test("split a route at its first comma only", () => {
    expect(splitRoute("or,vendor/model,v2")).toEqual({ provider: "or", model: "vendor/model,v2" });
    expect(splitRoute(",m")).toBeUndefined();
    expect(splitRoute("p,")).toBeUndefined();
  });
});
