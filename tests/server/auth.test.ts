import { describe, expect, test } from "bun:test";
import { AuthError } from "../../src/errors.ts";
import type { ClientKey } from "../../src/config/compiled.ts";
import { authenticate, clientKeyEntryOf, clientKeyOf, matchKey, presentedKey } from "../../src/server/auth.ts";

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

describe("matchKey", () => {
  test("is true only for the identical key, not a prefix or an extension of it", () => {
    expect(matchKey("abc123", ["abc123"])).toBe(0);
    for (const other of ["abc124", "abc", "abc1234", ""]) expect(matchKey(other, ["abc123"])).toBeUndefined();
  });
  test("finds the index of the matching key among several", () => {
    expect(matchKey("key-two", ["key-one", "key-two", "key-three"])).toBe(1);
  });
  test("is undefined when no key matches, including prefixes and the empty list", () => {
    expect(matchKey("key-tw", ["key-one", "key-two"])).toBeUndefined();
    expect(matchKey("key-two", [])).toBeUndefined();
  });
});

function clientKey(name: string, key: string): ClientKey {
  return { name, named: true, key, routes: undefined, rpm: undefined, tpm: undefined, dailyBudget: undefined, admin: true };
}

describe("authenticate", () => {
  const keys = [clientKey("laptop", "laptop-key-1234"), clientKey("ci", "ci-key-56789")];
  test("returns the matching key and remembers its name for clientKeyOf", () => {
    const request = new Request("http://localhost/v1/messages", { headers: { authorization: "Bearer ci-key-56789" } });
    expect(authenticate(request, keys)?.name).toBe("ci");
    expect(clientKeyOf(request)).toBe("ci");
    expect(clientKeyEntryOf(request)?.key).toBe("ci-key-56789");
  });
  test("lets every request through and names no key when no key is configured", () => {
    const request = new Request("http://localhost/v1/messages");
    expect(authenticate(request, [])).toBeUndefined();
    expect(clientKeyOf(request)).toBeUndefined();
  });
  test("rejects a missing key with a 401 that says where to send it", () => {
    expect(() => authenticate(new Request("http://localhost/v1/messages"), keys)).toThrow("x-api-key");
  });
  test("rejects an unknown key with a 401 that echoes no key", () => {
    const request = new Request("http://localhost/v1/messages", { headers: { "x-api-key": "stolen-key-000" } });
    expect(() => authenticate(request, keys)).toThrow(AuthError);
    try {
      authenticate(request, keys);
    } catch (err) {
      const message = err instanceof Error ? err.message : "";
      for (const secret of ["stolen-key-000", "laptop-key-1234", "ci-key-56789"]) expect(message).not.toContain(secret);
    }
    expect(clientKeyOf(request)).toBeUndefined();
  });
  test("does not name the plain string APIKEY in the request log", () => {
    const plain: ClientKey = { ...clientKey("default", "plain-key-1234"), named: false };
    const request = new Request("http://localhost/v1/messages", { headers: { "x-api-key": "plain-key-1234" } });
    expect(authenticate(request, [plain])?.name).toBe("default");
    expect(clientKeyOf(request)).toBeUndefined();
  });
  test("never reads a key from the query string", () => {
    const request = new Request("http://localhost/v1/messages?key=ci-key-56789&api_key=ci-key-56789");
    expect(() => authenticate(request, keys)).toThrow("Missing API key");
  });
});
