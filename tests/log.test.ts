import { describe, expect, test } from "bun:test";
import { createLogger, redact, removeSecrets, type LogLevel } from "../src/log.ts";

function captured(opts: { level: LogLevel | (() => LogLevel); secrets?: readonly string[]; enabled?: boolean | (() => boolean) }) {
  const lines: string[] = [];
  const logger = createLogger({ level: opts.level, secrets: opts.secrets ?? [], enabled: opts.enabled, write: (line) => void lines.push(line) });
  return { logger, lines };
}

describe("createLogger", () => {
  test("writes one JSON object per line with time, level, message and fields", () => {
    const { logger, lines } = captured({ level: "info" });
    logger.info("request", { status: 200 });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? "");
    expect(line).toMatchObject({ level: "info", msg: "request", status: 200 });
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
  });

  test("drops lines below the level and everything when disabled", () => {
    const { logger, lines } = captured({ level: "warn" });
    logger.info("quiet");
    logger.debug("quieter");
    logger.error("loud");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["loud"]);
    const off = captured({ level: "trace", enabled: false });
    off.logger.error("nothing");
    expect(off.lines).toEqual([]);
  });

  test("reads a level and an on/off given as functions on every line, so a config reload applies at once", () => {
    let level: LogLevel = "error";
    let on = true;
    const { logger, lines } = captured({ level: () => level, enabled: () => on });
    logger.info("before");
    level = "debug";
    logger.debug("after");
    on = false;
    logger.error("off");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["after"]);
  });

  test("never writes a configured secret or a credential header value", () => {
    const { logger, lines } = captured({ level: "trace", secrets: ["sk-live-abcdef"] });
    logger.info("upstream said", { body: "bad key sk-live-abcdef", headers: { authorization: "Bearer xyz123" } });
    expect(lines[0]).not.toContain("sk-live-abcdef");
    expect(lines[0]).not.toContain("xyz123");
    expect(lines[0]).toContain("[redacted]");
  });
});

describe("redact", () => {
  test("masks x-api-key and api_key values that are not configured secrets", () => {
    expect(redact('{"x-api-key":"abc999"}', [])).toBe('{"x-api-key":"[redacted]"}');
    expect(redact("api_key=qwerty", [])).toBe("api_key=[redacted]");
  });
  test("keeps a logged JSON body valid JSON and cuts header values inside it", () => {
    const { logger, lines } = captured({ level: "trace", secrets: ["sk-live-abcdef12"] });
    const body = JSON.stringify({ content: "my x-api-key: sk-live-abcdef12", headers: { "x-api-key": "unknown-key-777" } });
    logger.info("upstream request", { body });
    const parsed = JSON.parse(lines[0] ?? "") as { body: string };
    expect(JSON.parse(parsed.body)).toEqual({ content: "my x-api-key: [redacted]", headers: { "x-api-key": "[redacted]" } });
  });
});

describe("removeSecrets", () => {
  test("replaces every occurrence and ignores values too short to be keys", () => {
    expect(removeSecrets("k1 sk-12345 and sk-12345", ["sk-12345", "k1"])).toBe("k1 [redacted] and [redacted]");
  });
  test("cuts a longer secret whole even when a shorter one is its prefix", () => {
    expect(removeSecrets("key sk-12345678XYZW", ["sk-12345678", "sk-12345678XYZW"])).toBe("key [redacted]");
  });
});
