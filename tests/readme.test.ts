// The README's config example is what new users copy: it must load as written.
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileConfig } from "../src/config/compile.ts";
import { parseJsonc } from "../src/config/parse-jsonc.ts";

test("the config example in README.md compiles with its routes resolved", () => {
  const readme = readFileSync(join(import.meta.dir, "..", "README.md"), "utf8");
  const block = /```jsonc\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const config = compileConfig(parseJsonc(block ?? ""), { DEEPSEEK_API_KEY: "sk-test" });
  expect(config.router.default).toEqual({ provider: "deepseek", model: "deepseek-chat" });
  expect(config.router.think).toEqual({ provider: "deepseek", model: "deepseek-reasoner" });
  expect(config.fallback.default).toEqual([{ provider: "ollama", model: "qwen2.5-coder:latest" }]);
  expect(config.providers.get("ollama")?.apiKey).toBe("");
});
