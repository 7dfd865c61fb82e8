import { describe, expect, test } from "bun:test";
import {
  changedPaths,
  getAt,
  isMasked,
  isVariableReference,
  parseProblems,
  pathString,
  problemsAt,
  providerList,
  providersKey,
  routeChoices,
  setAt,
  unsetAt,
  withoutProblemsAt,
  type Json,
} from "../../src/ui/app/config-doc.ts";

const doc: Json = {
  APIKEY: "****abcd",
  Providers: [{ name: "mock", api_base_url: "http://x/v1/chat/completions", api_key: "$MOCK_KEY", models: ["a", "b"] }],
  Router: { default: "mock,a" },
};

describe("config document helpers", () => {
  test("render key paths the way the server's problems name them", () => {
    expect(pathString(["Providers", 0, "api_base_url"])).toBe("Providers[0].api_base_url");
    expect(pathString(["APIKEY", 2, "routes", 0])).toBe("APIKEY[2].routes[0]");
  });

  test("read values by path and answer undefined for missing steps", () => {
    expect(getAt(doc, ["Providers", 0, "models", 1])).toBe("b");
    expect(getAt(doc, ["Providers", 3, "name"])).toBeUndefined();
    expect(getAt(doc, ["Router", "think"])).toBeUndefined();
  });

  test("set a value without changing the input, creating objects on the way", () => {
    const next = setAt(doc, ["Router", "fallback", "default"], ["mock,b"]);
    expect(getAt(next, ["Router", "fallback", "default", 0])).toBe("mock,b");
    expect(getAt(doc, ["Router", "fallback"])).toBeUndefined();
    expect(getAt(next, ["Router", "default"])).toBe("mock,a");
  });

  test("remove a key or an array item when set to undefined", () => {
    expect(getAt(setAt(doc, ["Router", "default"], undefined), ["Router"])).toEqual({});
    expect(getAt(setAt(doc, ["Providers", 0, "models", 0], undefined), ["Providers", 0, "models"])).toEqual(["b"]);
  });

  test("unset a value and drop the objects it leaves empty, but keep arrays and other keys", () => {
    const priced = setAt(doc, ["Providers", 0, "model_info", "a", "price", "input"], 3);
    expect(getAt(unsetAt(priced, ["Providers", 0, "model_info", "a", "price", "input"]), ["Providers", 0])).toEqual(getAt(doc, ["Providers", 0]));
    expect(getAt(unsetAt(doc, ["Router", "default"]), ["Router"])).toBeUndefined();
    expect(getAt(unsetAt(doc, ["Providers", 0, "models", 0]), ["Providers", 0, "models"])).toEqual(["b"]);
    expect(unsetAt({ a: { b: 1, c: 2 } }, ["a", "b"])).toEqual({ a: { c: 2 } });
  });

  test("list changed leaf paths, and none for equal documents", () => {
    expect(changedPaths(doc, doc)).toEqual([]);
    expect(changedPaths(doc, JSON.parse(JSON.stringify(doc)))).toEqual([]);
    const edited = setAt(setAt(doc, ["Providers", 0, "models", 2], "c"), ["PORT"], 4000);
    expect(changedPaths(doc, edited)).toEqual(["Providers[0].models[2]", "PORT"]);
  });

  test("a masked secret sent back untouched is no change", () => {
    expect(changedPaths(doc, setAt(doc, ["APIKEY"], "****abcd"))).toEqual([]);
    expect(changedPaths(doc, setAt(doc, ["APIKEY"], "new-key-1234"))).toEqual(["APIKEY"]);
  });

  test("find the problems at a path or below it, not at a sibling with the same prefix", () => {
    const problems = [
      { path: "Providers[0].api_base_url", message: "expected a URL" },
      { path: "Providers[10].name", message: "x" },
      { path: "Router.default", message: "unknown provider" },
    ];
    expect(problemsAt(problems, ["Providers", 0]).map((p) => p.path)).toEqual(["Providers[0].api_base_url"]);
    expect(problemsAt(problems, ["Providers", 0, "api_base_url"])).toHaveLength(1);
    expect(problemsAt(problems, ["Router"]).map((p) => p.message)).toEqual(["unknown provider"]);
  });

  test("forget the problems of a field once it is edited, and keep the others", () => {
    const problems = [
      { path: "Providers[0].api_base_url", message: "expected a URL" },
      { path: "PORT", message: "expected a port" },
    ];
    expect(withoutProblemsAt(problems, ["Providers", 0, "api_base_url"])).toEqual([{ path: "PORT", message: "expected a port" }]);
    expect(withoutProblemsAt(problems, ["HOST"])).toEqual(problems);
  });

  test("read problems from the config API's 400 body, as objects or as path: message strings", () => {
    expect(parseProblems({ type: "error", error: { type: "invalid_request_error", message: "m" }, problems: [{ path: "PORT", message: "expected a port" }] })).toEqual([
      { path: "PORT", message: "expected a port" },
    ]);
    expect(parseProblems({ problems: ["Router.default: no provider named x", "the file is empty"] })).toEqual([
      { path: "Router.default", message: "no provider named x" },
      { path: "", message: "the file is empty" },
    ]);
    expect(parseProblems({ error: { message: "Invalid API key." } })).toEqual([{ path: "", message: "Invalid API key." }]);
  });

  test("offer exactly the configured provider,model routes", () => {
    const two = setAt(doc, ["Providers", 1], { name: "other", models: ["z"] });
    expect(routeChoices(two)).toEqual(["mock,a", "mock,b", "other,z"]);
    expect(routeChoices({})).toEqual([]);
  });

  test("use the lower-case providers key only when the document has nothing else", () => {
    expect(providersKey(doc)).toBe("Providers");
    expect(providersKey({ providers: [] })).toBe("providers");
    expect(providersKey({})).toBe("Providers");
    expect(providerList({ providers: [{ name: "p" }, "junk"] })).toEqual([{ name: "p" }]);
  });

  test("tell masked values and variable references apart from literal secrets", () => {
    expect(isMasked("****abcd")).toBe(true);
    expect(isMasked("sk-live")).toBe(false);
    expect(isVariableReference("$OPENAI_KEY")).toBe(true);
    expect(isVariableReference("${Key}")).toBe(true);
    expect(isVariableReference("$x y")).toBe(false);
  });
});
