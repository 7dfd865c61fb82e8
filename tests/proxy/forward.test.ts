import { describe, expect, test } from "bun:test";
import { bypassesProxy, proxyFor } from "../../src/proxy/forward.ts";
import { compiledConfig } from "../helpers/compiled-config.ts";

describe("bypassesProxy", () => {
  const url = (s: string) => new URL(s);
  test("matches an exact host, a domain suffix and a leading-dot entry", () => {
    expect(bypassesProxy(url("http://localhost:11434/v1"), ["localhost"])).toBe(true);
    expect(bypassesProxy(url("https://api.example.com/x"), ["example.com"])).toBe(true);
    expect(bypassesProxy(url("https://api.example.com/x"), [".example.com"])).toBe(true);
  });
  test("ignores ports in entries and treats * as everything", () => {
    expect(bypassesProxy(url("http://10.0.0.1:8080/"), ["10.0.0.1:8080"])).toBe(true);
    expect(bypassesProxy(url("https://any.host/"), ["*"])).toBe(true);
  });
  test("does not match a different host that merely ends with the same letters", () => {
    expect(bypassesProxy(url("https://notexample.com/"), ["example.com"])).toBe(false);
  });
});

describe("proxyFor", () => {
  test("uses the configured proxy unless NO_PROXY lists the host", () => {
    const config = compiledConfig({ proxyUrl: "http://proxy:3128", noProxy: ["127.0.0.1"] });
    expect(proxyFor("https://api.deepseek.com/chat/completions", config)).toBe("http://proxy:3128");
    expect(proxyFor("http://127.0.0.1:11434/v1/chat/completions", config)).toBeUndefined();
  });
  test("is undefined when no proxy is configured", () => {
    expect(proxyFor("https://api.deepseek.com", compiledConfig())).toBeUndefined();
  });
});
