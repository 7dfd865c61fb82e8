import { describe, expect, test } from "bun:test";
import { keyReference, parseInitFlags } from "../../src/cli/init-flags.ts";

describe("parseInitFlags", () => {
  test("collects every --model and --router in both spellings, dropping repeats", () => {
    const flags = parseInitFlags(["--provider=groq", "--model", "a", "--model=b", "--model", "a", "--router", "think=groq,b", "--router=image=groq,a", "--no-test"]);
    expect(flags.models).toEqual(["a", "b"]);
    expect(flags.router).toEqual({ think: "groq,b", image: "groq,a" });
    expect(flags.test).toBe(false);
    expect(flags.force).toBe(false);
  });

  test("rejects both key flags at once, a bad variable name, a bad URL and a name with a comma", () => {
    expect(() => parseInitFlags(["--api-key-env", "K", "--api-key", "x"])).toThrow("give one of them, not both");
    expect(() => parseInitFlags(["--api-key-env", "1BAD"])).toThrow('"1BAD" is not a variable name');
    expect(() => parseInitFlags(["--base-url", "localhost:8000"])).toThrow("--base-url: expected an http:// or https:// URL");
    expect(() => parseInitFlags(["--name", "a,b"])).toThrow("no commas");
  });

  test("rejects a --model or --router without a value and a route without a comma", () => {
    expect(() => parseInitFlags(["--model"])).toThrow("--model: expected a value");
    expect(() => parseInitFlags(["--router", "--force"])).toThrow("--router: expected a value");
    expect(() => parseInitFlags(["--router", "think=groq"])).toThrow('expected "provider,model"');
  });

  test("rejects positional arguments and unknown flags", () => {
    expect(() => parseInitFlags(["deepseek"])).toThrow('unexpected argument "deepseek"');
    expect(() => parseInitFlags(["--provder", "x"])).toThrow('unknown flag "--provder"');
  });
});

describe("keyReference", () => {
  test("writes upper-case names bare and others braced, as interpolation reads them", () => {
    expect(keyReference("DEEPSEEK_API_KEY")).toBe("$DEEPSEEK_API_KEY");
    expect(keyReference("my_key")).toBe("${my_key}");
  });
});
