import { describe, expect, test } from "bun:test";
import { interpolate } from "../../src/config/interpolate.ts";

describe("interpolate", () => {
  test("replaces $VAR and ${VAR} in nested arrays and objects", () => {
    const doc = { Providers: [{ api_key: "${KEY}", models: ["$MODEL", "fixed"], extra: { url: "http://$HOST_NAME:${PORT_NO}/v1" } }] };
    const { value, issues } = interpolate(doc, { KEY: "sk-1", MODEL: "m-1", HOST_NAME: "box", PORT_NO: "8080" });
    expect(issues).toEqual([]);
    expect(value).toEqual({ Providers: [{ api_key: "sk-1", models: ["m-1", "fixed"], extra: { url: "http://box:8080/v1" } }] });
  });

  test("does not touch keys, numbers or booleans", () => {
    const { value } = interpolate({ $KEY: 1, on: true, n: null }, { KEY: "x" });
    expect(value).toEqual({ $KEY: 1, on: true, n: null });
  });

  test("keeps $$, a lone $ and a lower-case bare $name literal", () => {
    const { value, issues } = interpolate(["pa$$WORD", "costs 5$", "$ alone", "$lower", "${"], { WORD: "no" });
    expect(issues).toEqual([]);
    expect(value).toEqual(["pa$$WORD", "costs 5$", "$ alone", "$lower", "${"]);
  });

  test("accepts an empty variable as a value", () => {
    expect(interpolate({ api_key: "$EMPTY" }, { EMPTY: "" }).value).toEqual({ api_key: "" });
  });

  test("names the unset variable and the key path where it is used", () => {
    const doc = { Providers: [{ name: "a" }, { api_key: "$DEEPSEEK_API_KEY", models: ["ok", "${MISSING_MODEL}"] }] };
    const { issues } = interpolate(doc, {});
    expect(issues).toEqual([
      { path: "Providers[1].api_key", message: "environment variable DEEPSEEK_API_KEY is not set" },
      { path: "Providers[1].models[1]", message: "environment variable MISSING_MODEL is not set" },
    ]);
  });

  test("returns a new document and leaves the input unchanged", () => {
    const doc = { a: ["$X"] };
    interpolate(doc, { X: "y" });
    expect(doc).toEqual({ a: ["$X"] });
  });
});
