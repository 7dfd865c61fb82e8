// The one error hierarchy: every failure the server reports renders as Anthropic's error JSON.

/** Anthropic's error `type` values (https://docs.claude.com/en/api/errors). */
export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "billing_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "timeout_error"
  | "api_error"
  | "overloaded_error";

/** Anthropic's error body: `{ type: "error", error: { type, message } }`. */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: AnthropicErrorType; message: string };
}

/** Base of every error the router reports; carries the HTTP status and Anthropic error type. */
export class RouterError extends Error {
  readonly status: number;
  readonly type: AnthropicErrorType;
  /** Extra response headers (e.g. `retry-after`). */
  readonly headers: Record<string, string>;

  constructor(status: number, type: AnthropicErrorType, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.type = type;
    this.headers = headers;
  }

  toBody(): AnthropicErrorBody {
    return { type: "error", error: { type: this.type, message: this.message } };
  }

  toResponse(): Response {
    return new Response(JSON.stringify(this.toBody()), {
      status: this.status,
      headers: { "content-type": "application/json", ...this.headers },
    });
  }
}

/** One problem in a config file: where (`Providers[2].api_base_url`) and what is wrong. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** The config cannot be loaded or compiled; lists every problem at once. */
export class ConfigError extends RouterError {
  readonly issues: ConfigIssue[];
  constructor(message: string, issues: ConfigIssue[] = []) {
    super(500, "api_error", message);
    this.issues = issues;
  }
}

/** The client's request is malformed; the message names the field and what was expected. */
export class ValidationError extends RouterError {
  constructor(message: string, status = 400) {
    super(status, status === 413 ? "request_too_large" : "invalid_request_error", message);
  }
}

/** The request names a provider or model that is not configured, or no default route exists. */
export class NoRouteError extends RouterError {
  constructor(message: string) {
    super(400, "invalid_request_error", message);
  }
}

/** The client did not present the configured API key. */
export class AuthError extends RouterError {
  constructor(message: string) {
    super(401, "authentication_error", message);
  }
}

/** The upstream provider failed: its status mapped to Anthropic's type, its message extracted. */
export class ProviderError extends RouterError {
  readonly provider: string;
  readonly upstreamStatus: number | undefined;
  constructor(opts: {
    status: number;
    type: AnthropicErrorType;
    message: string;
    provider: string;
    upstreamStatus?: number;
    headers?: Record<string, string>;
  }) {
    super(opts.status, opts.type, opts.message, opts.headers ?? {});
    this.provider = opts.provider;
    this.upstreamStatus = opts.upstreamStatus;
  }
}

/** The background service could not be started, stopped or found. */
export class DaemonError extends RouterError {
  constructor(message: string) {
    super(500, "api_error", message);
  }
}

/** Anthropic's error type for an HTTP status (conversion spec §11.2). */
export function errorTypeForStatus(status: number): AnthropicErrorType {
  switch (status) {
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 408:
    case 504:
      return "timeout_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 503:
    case 529:
      return "overloaded_error";
  }
  if (status >= 500) return "api_error";
  return "invalid_request_error";
}

/** A short, secret-free description of any thrown value, for logs and messages. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The HTTP status that best carries an Anthropic error type (for errors found in a stream before it was committed). */
export function statusForErrorType(type: string): number {
  switch (type) {
    case "invalid_request_error":
      return 400;
    case "authentication_error":
      return 401;
    case "billing_error":
      return 402;
    case "permission_error":
      return 403;
    case "not_found_error":
      return 404;
    case "request_too_large":
      return 413;
    case "rate_limit_error":
      return 429;
    case "timeout_error":
      return 504;
    case "overloaded_error":
      return 529;
    default:
      return 502;
  }
}

const ERROR_TYPES: readonly string[] = [
  "invalid_request_error",
  "authentication_error",
  "billing_error",
  "permission_error",
  "not_found_error",
  "request_too_large",
  "rate_limit_error",
  "timeout_error",
  "api_error",
  "overloaded_error",
];

/** Narrows a type string from a stream event to a known error type (`api_error` when unknown). */
export function asErrorType(type: string): AnthropicErrorType {
  // Checked against the full list just above.
  return ERROR_TYPES.includes(type) ? (type as AnthropicErrorType) : "api_error";
}
