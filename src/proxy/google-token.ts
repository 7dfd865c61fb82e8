// Google OAuth access tokens for Vertex AI: a service account signs a JWT, the token endpoint trades it for a token.
import { type KeyObject, createPrivateKey, sign } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as v from "valibot";
import type { CompiledConfig } from "../config/compiled.ts";
import { ProviderError } from "../errors.ts";
import { postForm } from "./forward.ts";

const SCOPE = "https://www.googleapis.com/auth/cloud-platform";
const DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
/** Tokens are renewed this long before they expire, so a slow request never carries a stale one. */
const REFRESH_MARGIN_MS = 5 * 60_000;

const ServiceAccountSchema = v.looseObject({
  client_email: v.pipe(v.string(), v.nonEmpty()),
  private_key: v.pipe(v.string(), v.nonEmpty()),
  token_uri: v.optional(v.pipe(v.string(), v.url())),
});

/** The fields of a service-account JSON key that the token exchange needs. */
export type ServiceAccount = v.InferOutput<typeof ServiceAccountSchema>;

const TokenAnswerSchema = v.looseObject({ access_token: v.pipe(v.string(), v.nonEmpty()), expires_in: v.optional(v.number()) });
const TokenErrorSchema = v.looseObject({ error: v.string(), error_description: v.optional(v.string()) });

/** A token failure; its message never contains key material. */
class TokenFailure extends Error {}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/** An RS256-signed JWT asserting the service account for the cloud-platform scope, valid for an hour. */
export function signServiceAccountJwt(account: ServiceAccount, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const claims = { iss: account.client_email, scope: SCOPE, aud: account.token_uri ?? DEFAULT_TOKEN_URI, iat, exp: iat + 3600 };
  const unsigned = `${header}.${base64url(JSON.stringify(claims))}`;
  let key: KeyObject;
  try {
    key = createPrivateKey(account.private_key);
  } catch {
    throw new TokenFailure("the service account's private_key is not a valid PEM key");
  }
  return `${unsigned}.${base64url(sign("sha256", Buffer.from(unsigned), key))}`;
}

/** Parses a service-account JSON key; the error says what is missing, never what is there. */
export function parseServiceAccount(text: string): ServiceAccount {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TokenFailure("the credentials are not valid JSON");
  }
  const result = v.safeParse(ServiceAccountSchema, json);
  if (!result.success) throw new TokenFailure("the credentials are not a service-account key (client_email and private_key are required)");
  return result.output;
}

export interface GoogleTokenDeps {
  /** Clock in milliseconds; injected so tests can move past expiry. */
  now?: () => number;
  readFile?: (path: string) => Promise<string>;
  postForm?: (url: string, form: URLSearchParams, config: CompiledConfig, signal: AbortSignal) => Promise<Response>;
}

/** Access tokens per service account, cached for the server's life. */
export interface GoogleTokens {
  /** A valid token for `credentials` (a JSON key file path, or the JSON); throws a 401 ProviderError naming `provider`. */
  get(credentials: string, provider: string, config: CompiledConfig): Promise<string>;
}

interface Cached {
  token: string;
  expiresAt: number;
}

/** A token cache: one exchange per service account at a time, renewed 5 minutes before expiry, failures not cached. */
export function createGoogleTokens(deps: GoogleTokenDeps = {}): GoogleTokens {
  const now = deps.now ?? Date.now;
  const read = deps.readFile ?? ((path: string) => readFile(path, "utf8"));
  const post = deps.postForm ?? postForm;
  const cache = new Map<string, Cached>();
  const pending = new Map<string, Promise<Cached>>();

  async function loadAccount(credentials: string): Promise<ServiceAccount> {
    const trimmed = credentials.trim();
    if (trimmed.startsWith("{")) return parseServiceAccount(trimmed);
    let text: string;
    try {
      text = await read(trimmed);
    } catch {
      throw new TokenFailure(`could not read the service-account file ${trimmed}`);
    }
    return parseServiceAccount(text);
  }

  async function exchange(credentials: string, config: CompiledConfig): Promise<Cached> {
    const account = await loadAccount(credentials);
    const started = now();
    const form = new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: signServiceAccountJwt(account, started) });
    const url = account.token_uri ?? DEFAULT_TOKEN_URI;
    let response: Response;
    let text: string;
    try {
      response = await post(url, form, config, AbortSignal.timeout(config.timeoutMs));
      text = await response.text();
    } catch {
      throw new TokenFailure(`the token endpoint ${url} could not be reached`);
    }
    return parseAnswer(response.status, text, started);
  }

  async function refresh(credentials: string, config: CompiledConfig): Promise<Cached> {
    const inflight = pending.get(credentials);
    if (inflight) return inflight;
    const next = exchange(credentials, config).finally(() => pending.delete(credentials));
    pending.set(credentials, next);
    const fresh = await next;
    cache.set(credentials, fresh);
    return fresh;
  }

  return {
    async get(credentials, provider, config) {
      const cached = cache.get(credentials);
      if (cached && now() < cached.expiresAt - REFRESH_MARGIN_MS) return cached.token;
      try {
        return (await refresh(credentials, config)).token;
      } catch (err) {
        const reason = err instanceof TokenFailure ? err.message : "the token exchange failed";
        const message = `Could not get a Google access token for provider "${provider}": ${reason}`;
        throw new ProviderError({ status: 401, type: "authentication_error", message, provider });
      }
    },
  };
}

function parseAnswer(status: number, text: string, started: number): Cached {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (status !== 200) {
    const error = v.safeParse(TokenErrorSchema, json);
    const detail = error.success ? `: ${error.output.error}${error.output.error_description ? ` (${error.output.error_description})` : ""}` : "";
    throw new TokenFailure(`the token endpoint answered ${status}${detail}`);
  }
  const answer = v.safeParse(TokenAnswerSchema, json);
  if (!answer.success) throw new TokenFailure("the token endpoint answered without an access_token");
  return { token: answer.output.access_token, expiresAt: started + (answer.output.expires_in ?? 3600) * 1000 };
}
