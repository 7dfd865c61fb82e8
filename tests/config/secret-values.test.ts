import { describe, expect, test } from "bun:test";
import { credentialSecrets } from "../../src/config/secret-values.ts";

const PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\n";

describe("credentialSecrets", () => {
  test("lists an inline service account's private key whole, JSON-escaped and line by line", () => {
    const json = JSON.stringify({ client_email: "a@b", private_key: PEM });
    const secrets = credentialSecrets(json);
    expect(secrets).toContain(PEM);
    expect(secrets).toContain(JSON.stringify(PEM).slice(1, -1));
    expect(secrets).toContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
    expect(secrets).not.toContain("-----END PRIVATE KEY-----");
  });
  test("finds nothing in a file path or broken JSON", () => {
    expect(credentialSecrets("/etc/sa.json")).toEqual([]);
    expect(credentialSecrets("{not json")).toEqual([]);
  });
});
