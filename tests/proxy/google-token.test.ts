// Service-account tokens: the signed JWT, the exchange with a local token endpoint, caching, refresh and failures.
import { afterEach, describe, expect, test } from "bun:test";
import { generateKeyPairSync, verify } from "node:crypto";
import { compileConfig } from "../../src/config/compile.ts";
import { ProviderError } from "../../src/errors.ts";
import { createGoogleTokens, signServiceAccountJwt } from "../../src/proxy/google-token.ts";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const config = compileConfig({}, {});

interface Endpoint {
  url: string;
  forms: URLSearchParams[];
  stop(): void;
}

let endpoint: Endpoint | undefined;

afterEach(() => {
  endpoint?.stop();
  endpoint = undefined;
});

function serveTokens(answer: (n: number) => Response): Endpoint {
  const forms: URLSearchParams[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      forms.push(new URLSearchParams(await req.text()));
      return answer(forms.length);
    },
  });
  endpoint = { url: `http://127.0.0.1:${server.port}/token`, forms, stop: () => server.stop(true) };
  return endpoint;
}

function account(tokenUri: string): string {
  return JSON.stringify({ type: "service_account", client_email: "ccr@proj.iam.gserviceaccount.com", private_key: privatePem, token_uri: tokenUri });
}

function decode(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
}

describe("signServiceAccountJwt", () => {
  test("signs RS256 claims for the cloud-platform scope that the public key verifies", () => {
    const jwt = signServiceAccountJwt({ client_email: "a@b.iam", private_key: privatePem, token_uri: "https://t.test/token" }, 1_700_000_000_500);
    const [header, claims, signature] = jwt.split(".");
    expect(decode(header)).toEqual({ alg: "RS256", typ: "JWT" });
    expect(decode(claims)).toEqual({
      iss: "a@b.iam",
      scope: "https://www.googleapis.com/auth/cloud-platform",
      aud: "https://t.test/token",
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
    const valid = verify("sha256", Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature ?? "", "base64url"));
    expect(valid).toBe(true);
  });
});

describe("createGoogleTokens", () => {
  test("trades a signed assertion for an access token and caches it until 5 minutes before expiry", async () => {
    const server = serveTokens((n) => Response.json({ access_token: `ya29.token-${n}`, expires_in: 3600, token_type: "Bearer" }));
    let clock = 1_700_000_000_000;
    const tokens = createGoogleTokens({ now: () => clock });
    const credentials = account(server.url);
    expect(await tokens.get(credentials, "vertex", config)).toBe("ya29.token-1");
    const form = server.forms[0];
    expect(form?.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const [header, claims, signature] = (form?.get("assertion") ?? "").split(".");
    expect(verify("sha256", Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature ?? "", "base64url"))).toBe(true);
    expect(decode(claims).aud).toBe(server.url);

    clock += 54 * 60_000;
    expect(await tokens.get(credentials, "vertex", config)).toBe("ya29.token-1");
    expect(server.forms).toHaveLength(1);
    clock += 2 * 60_000;
    expect(await tokens.get(credentials, "vertex", config)).toBe("ya29.token-2");
    expect(server.forms).toHaveLength(2);
  });

  test("makes one request for concurrent callers and reads a key file once per refresh", async () => {
    const server = serveTokens((n) => Response.json({ access_token: `tok-${n}`, expires_in: 3600 }));
    const reads: string[] = [];
    const tokens = createGoogleTokens({ readFile: async (path) => (reads.push(path), account(server.url)) });
    const got = await Promise.all([1, 2, 3].map(() => tokens.get("/keys/sa.json", "vertex", config)));
    expect(got).toEqual(["tok-1", "tok-1", "tok-1"]);
    expect(server.forms).toHaveLength(1);
    expect(reads).toEqual(["/keys/sa.json"]);
  });

  test("turns a failing token endpoint into a 401 that names the provider and not the key", async () => {
    const server = serveTokens(() => Response.json({ error: "invalid_grant", error_description: "Invalid JWT Signature." }, { status: 400 }));
    const tokens = createGoogleTokens();
    const error = await tokens.get(account(server.url), "my-vertex", config).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ProviderError);
    if (!(error instanceof ProviderError)) return;
    expect(error.status).toBe(401);
    expect(error.type).toBe("authentication_error");
    expect(error.message).toBe('Could not get a Google access token for provider "my-vertex": the token endpoint answered 400: invalid_grant (Invalid JWT Signature.)');
    expect(error.message).not.toContain("PRIVATE KEY");
  });

  test("retries after a failure instead of caching it", async () => {
    const server = serveTokens((n) => (n === 1 ? new Response("down", { status: 503 }) : Response.json({ access_token: "late", expires_in: 3600 })));
    const tokens = createGoogleTokens();
    const credentials = account(server.url);
    await expect(tokens.get(credentials, "vertex", config)).rejects.toThrow("the token endpoint answered 503");
    expect(await tokens.get(credentials, "vertex", config)).toBe("late");
  });

  test("explains credentials that are not a service-account key without echoing them", async () => {
    const tokens = createGoogleTokens({ readFile: async () => { throw new Error("ENOENT"); } });
    await expect(tokens.get('{"private_key": "secret-material"}', "vertex", config)).rejects.toThrow(
      'provider "vertex": the credentials are not a service-account key (client_email and private_key are required)',
    );
    await expect(tokens.get("/missing/sa.json", "vertex", config)).rejects.toThrow("could not read the service-account file /missing/sa.json");
    const bad = JSON.stringify({ client_email: "a@b", private_key: "not a pem" });
    await expect(tokens.get(bad, "vertex", config)).rejects.toThrow("private_key is not a valid PEM key");
  });
});
