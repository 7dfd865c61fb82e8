import { describe, expect, test } from "bun:test";
import { compileConfig } from "../../src/config/compile.ts";
import { ConfigError } from "../../src/errors.ts";

const provider = { name: "or", api_base_url: "https://openrouter.ai/api/v1/chat/completions", models: ["m"] };

describe("request-log config keys", () => {
  test("compiles model_info per provider and model, and the logging and retention keys", () => {
    const config = compileConfig(
      {
        Providers: [{ ...provider, model_info: { m: { price: { input: 1, output: "2", cache_read: 0.1 }, context_window: 64000 } } }],
        LOG_BODIES: "true",
        USAGE_RETENTION_DAYS: 7,
        USAGE_MAX_MB: 10,
      },
      {},
    );
    expect(config.modelInfo?.get("or,m")).toEqual({ price: { input: 1, output: 2, cache_read: 0.1 }, context_window: 64000 });
    expect(config.logBodies).toBe(true);
    expect(config.usageRetentionDays).toBe(7);
    expect(config.usageMaxBytes).toBe(10 * 1024 * 1024);
    expect(config.warnings).toEqual([]);
  });

  test("defaults to no bodies, 30 days and 200 MB", () => {
    const config = compileConfig({ Providers: [provider] }, {});
    expect([config.logBodies, config.usageRetentionDays, config.usageMaxBytes]).toEqual([false, 30, 200 * 1024 * 1024]);
  });

  test("rejects a negative price with its key path", () => {
    const bad = () => compileConfig({ Providers: [{ ...provider, model_info: { m: { price: { input: -1, output: 1 } } } }] }, {});
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/Providers\[0\]\.model_info\.m\.price\.input/);
  });
});
