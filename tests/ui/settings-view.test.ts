import { describe, expect, test } from "bun:test";
import * as compiled from "../../src/config/compile.ts";
import { DEFAULTS } from "../../src/ui/app/settings-view.ts";

describe("settings defaults", () => {
  test("show the values the server really uses for empty keys", () => {
    expect(DEFAULTS).toEqual({
      HOST: compiled.DEFAULT_HOST,
      PORT: compiled.DEFAULT_PORT,
      API_TIMEOUT_MS: compiled.DEFAULT_TIMEOUT_MS,
      BODY_LIMIT_MB: compiled.DEFAULT_BODY_LIMIT_MB,
      RETRIES: compiled.DEFAULT_RETRIES,
      RETRY_MAX_WAIT_MS: compiled.DEFAULT_RETRY_MAX_WAIT_MS,
      CIRCUIT_FAILURES: compiled.DEFAULT_CIRCUIT_FAILURES,
      CIRCUIT_COOLDOWN_MS: compiled.DEFAULT_CIRCUIT_COOLDOWN_MS,
      USAGE_RETENTION_DAYS: compiled.DEFAULT_USAGE_RETENTION_DAYS,
      USAGE_MAX_MB: compiled.DEFAULT_USAGE_MAX_MB,
    });
  });
});
