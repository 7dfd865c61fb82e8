import { describe, expect, test } from "bun:test";
import { AuthError } from "../../src/errors.ts";
import { checkAuth, keysMatch, presentedKey } from "../../src/server/auth.ts";

describe("presentedKey", () => {
  test("reads x-api-key first", () => {
    expect(presentedKey(new Headers({ "x-api-key": "k1", authorization: "Bearer k2" }))).toBe("k1");
  });
  test("reads the token of Authorization: Bearer", () => {
    expect(presentedKey(new Headers({ authorization: "Bearer  secret-token " }))).toBe("secret-token");
  });
  test("accepts a bare Authorization value", () => {
    expect(presentedKey(new Headers({ authorization: "plainkey" }))).toBe("plainkey");
  });
  test("is undefined without either header", () => {
    expect(presentedKey(new Headers())).toBeUndefined();
  });
});

describe("keysMatch", () => {
  test("is true only for the identical key", () => {
    expect(keysMatch("abc123", "abc123")).toBe(true);
    expect(keysMatch("abc124", "abc123")).toBe(false);
  });
  test("is false for a prefix or an extension of the key", () => {
    expect(keysMatch("abc", "abc123")).toBe(false);
    expect(keysMatch("abc1234", "abc123")).toBe(false);
  });
});

describe("checkAuth", () => {
  test("lets everything through when no APIKEY is configured", () => {
    expect(() => checkAuth(new Headers(), undefined)).not.toThrow();
  });
  test("rejects a missing key with a 401 that says where to send it", () => {
    expect(() => checkAuth(new Headers(), "k")).toThrow(AuthError);
    expect(() => checkAuth(new Headers(), "k")).toThrow("x-api-key");
  });
  test("rejects a wrong key without echoing either key", () => {
    try {
      checkAuth(new Headers({ "x-api-key": "wrong-key" }), "right-key");
      throw new Error("did not throw");
    } catch (err) {
      expect(err).toBeInstanceOf(AuthError);
      const message = (err as AuthError).message;
      expect(message).not.toContain("wrong-key");
      expect(message).not.toContain("right-key");
      expect((err as AuthError).status).toBe(401);
    }
  });
});
