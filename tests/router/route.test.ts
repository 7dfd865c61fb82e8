import { describe, expect, test } from "bun:test";
import { NoRouteError } from "../../src/errors.ts";
import { configuredRoutes, parseRoute, route } from "../../src/router/route.ts";
import { compiledConfig, provider } from "../helpers/compiled-config.ts";

describe("route", () => {
  const config = compiledConfig({
    providers: new Map([
      ["mock", provider("mock", ["gpt-test", "gpt-big"])],
      ["ollama", provider("ollama", [])],
    ]),
  });

  test("sends a Claude model name to Router.default", () => {
    const chosen = route(config, "claude-opus-5-5");
    expect(chosen.scenario).toBe("default");
    expect(chosen.provider.name).toBe("mock");
    expect(chosen.model).toBe("gpt-test");
  });

  test("picks the provider and model named as provider,model", () => {
    const chosen = route(config, "mock,gpt-big");
    expect(chosen.scenario).toBe("explicit");
    expect(chosen.model).toBe("gpt-big");
  });

  test("matches the provider name case-insensitively", () => {
    expect(route(config, "MOCK,gpt-big").provider.name).toBe("mock");
  });

  test("accepts any model for a provider that lists none", () => {
    expect(route(config, "ollama,qwen3:8b").model).toBe("qwen3:8b");
  });

  test("rejects an unknown provider with a 400 that lists the configured routes", () => {
    expect(() => route(config, "nope,x")).toThrow(NoRouteError);
    try {
      route(config, "nope,x");
    } catch (err) {
      expect(err).toBeInstanceOf(NoRouteError);
      const e = err as NoRouteError;
      expect(e.status).toBe(400);
      expect(e.message).toContain('Unknown provider "nope"');
      expect(e.message).toContain("mock,gpt-test, mock,gpt-big");
    }
  });

  test("rejects a model the provider does not list", () => {
    expect(() => route(config, "mock,gpt-9")).toThrow('Unknown model "gpt-9" for provider "mock"');
  });

  test("explains that Router.default is missing when nothing else matches", () => {
    const bare = compiledConfig({ router: { ...compiledConfig().router, default: undefined } });
    expect(() => route(bare, "claude-opus-5-5")).toThrow("Router.default is not set");
  });

  test("uses the model's own plan when the model has model-level transformers", () => {
    const special = { ...compiledConfig().providers.get("mock")!.plan, transformers: [{ name: "x" }] };
    const cfg = compiledConfig({ providers: new Map([["mock", provider("mock", ["a"], { modelPlans: new Map([["a", special]]) })]]) });
    expect(route(cfg, "mock,a").plan).toBe(special);
  });
});

describe("parseRoute", () => {
  test("splits at the first comma so model names may contain commas", () => {
    expect(parseRoute("p,m,x")).toEqual({ provider: "p", model: "m,x" });
  });
  test("is undefined for a plain model name or an empty half", () => {
    expect(parseRoute("claude-opus")).toBeUndefined();
    expect(parseRoute(",m")).toBeUndefined();
    expect(parseRoute("p,")).toBeUndefined();
  });
  test("trims both halves and is undefined when one is only whitespace", () => {
    expect(parseRoute(" p , m ")).toEqual({ provider: "p", model: "m" });
    expect(parseRoute("p, ")).toBeUndefined();
    expect(parseRoute(" ,m")).toBeUndefined();
  });
});

describe("configuredRoutes", () => {
  test("lists provider,model for every configured model", () => {
    expect(configuredRoutes(compiledConfig())).toEqual(["mock,gpt-test", "mock,gpt-big"]);
  });
});
