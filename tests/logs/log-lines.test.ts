import { describe, expect, test } from "bun:test";
import { atLeast, formatLogEntry, parseLogLine } from "../../src/logs/log-lines.ts";

describe("parseLogLine", () => {
  test("splits the logger's JSON into time, level, msg and fields", () => {
    const entry = parseLogLine('{"time":"2026-12-03T06:21:16.123Z","level":"warn","msg":"slow upstream","provider":"x","ms":1200}');
    expect(entry).toEqual({ time: "2026-12-03T06:21:16.123Z", level: "warn", msg: "slow upstream", fields: { provider: "x", ms: 1200 } });
  });

  test("keeps a plain text line whole as an info message", () => {
    expect(parseLogLine("panic: something")).toEqual({ time: undefined, level: "info", msg: "panic: something", fields: {} });
  });

  test("treats an unknown level as info", () => {
    expect(parseLogLine('{"level":"loud","msg":"m"}').level).toBe("info");
  });
});

describe("atLeast", () => {
  test("orders levels from trace to fatal", () => {
    expect(atLeast("error", "warn")).toBe(true);
    expect(atLeast("warn", "warn")).toBe(true);
    expect(atLeast("info", "warn")).toBe(false);
  });
});

describe("formatLogEntry", () => {
  test("renders date, time, padded level, message and fields", () => {
    const line = formatLogEntry(parseLogLine('{"time":"2026-12-03T06:21:16.123Z","level":"info","msg":"listening","url":"http://127.0.0.1:3456","note":"a b"}'));
    expect(line).toBe('2026-12-03 06:21:16.123 INFO  listening url=http://127.0.0.1:3456 note="a b"');
  });
});
