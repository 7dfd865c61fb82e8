import { describe, expect, test } from "bun:test";
import { atLeast, parseLogLine } from "../../src/ui/app/log-lines.ts";

describe("log lines", () => {
  test("split a JSON line into time, level, message and the other fields", () => {
    const line = parseLogLine('{"time":"2026-12-03T06:28:36.000Z","level":"info","msg":"request","status":200,"route":"p,m"}');
    expect(line).toEqual({ time: "2026-12-03T06:28:36.000Z", level: "info", message: "request", extra: "status=200 route=p,m" });
  });

  test("map pino's numeric levels and keep plain text as the message", () => {
    expect(parseLogLine({ level: 50, msg: "boom", time: 0 }).level).toBe("error");
    expect(parseLogLine("plain text line")).toEqual({ time: "", level: "", message: "plain text line", extra: "" });
  });

  test("filter by minimum level, letting lines without a level through", () => {
    expect(atLeast(parseLogLine({ level: "warn" }), "info")).toBe(true);
    expect(atLeast(parseLogLine({ level: "debug" }), "info")).toBe(false);
    expect(atLeast(parseLogLine("no level"), "error")).toBe(true);
    expect(atLeast(parseLogLine({ level: "debug" }), "")).toBe(true);
  });
});
