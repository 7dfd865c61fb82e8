import { describe, expect, test } from "bun:test";
import { sessionIdOf } from "../../src/router/session.ts";
import { request } from "../helpers/chat-request.ts";
import { loadCapture } from "../helpers/load-capture.ts";

const UUID = "6f1c2a9e-1b7d-4e0f-9a3c-2d5e8f7a1b4c";
const withUserId = (user_id: string) => request({ metadata: { user_id } });

describe("sessionIdOf", () => {
  test("reads the x-claude-code-session-id header of a real Claude Code request", () => {
    const { headers, body } = loadCapture("cc-tool-result-turn");
    expect(sessionIdOf(headers, body)).toBe("00000000-0000-4000-8000-000000000000");
  });

  test("prefers the header over metadata.user_id", () => {
    const body = withUserId(JSON.stringify({ device_id: "d", account_uuid: "", session_id: "from-metadata" }));
    expect(sessionIdOf({ "x-claude-code-session-id": "from-header" }, body)).toBe("from-header");
  });

  test("finds the header whatever its case", () => {
    expect(sessionIdOf({ "X-Claude-Code-Session-Id": UUID }, request({}))).toBe(UUID);
  });

  test("reads session_id from the JSON string in metadata.user_id (Claude Code 2.1.x)", () => {
    const { body } = loadCapture("cc-print-first-turn");
    expect(sessionIdOf({}, body)).toBe("00000000-0000-4000-8000-000000000000");
  });

  test("reads the part after _session_ of the older user_id form", () => {
    expect(sessionIdOf({}, withUserId(`user_${"ab12".repeat(16)}_account__session_${UUID}`))).toBe(UUID);
  });

  test("is undefined without header and metadata", () => {
    expect(sessionIdOf({}, request({}))).toBeUndefined();
  });

  test("is undefined for a user_id with no session in it", () => {
    expect(sessionIdOf({}, withUserId("user_abc"))).toBeUndefined();
    expect(sessionIdOf({}, withUserId("{not json"))).toBeUndefined();
    expect(sessionIdOf({}, withUserId(JSON.stringify({ device_id: "d" })))).toBeUndefined();
  });

  test("rejects ids that are unsafe as file names", () => {
    for (const bad of ["../../etc/passwd", "a/b", "a b", "", "x".repeat(129), "id\u0000"]) {
      expect(sessionIdOf({ "x-claude-code-session-id": bad }, request({}))).toBeUndefined();
      expect(sessionIdOf({}, withUserId(JSON.stringify({ session_id: bad })))).toBeUndefined();
      expect(sessionIdOf({}, withUserId(`user_x_account__session_${bad}`))).toBeUndefined();
    }
  });

  test("falls back to metadata when the header is unsafe", () => {
    const body = withUserId(JSON.stringify({ session_id: UUID }));
    expect(sessionIdOf({ "x-claude-code-session-id": "../x" }, body)).toBe(UUID);
  });

  test("accepts an id of exactly 128 safe characters", () => {
    const id = "A_-9".repeat(32);
    expect(sessionIdOf({ "x-claude-code-session-id": id }, request({}))).toBe(id);
  });
});
