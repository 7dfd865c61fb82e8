// The admin API's gate (/api/*, /ui, /ui/*, /metrics): a key when APIKEY is set, otherwise loopback-only and same-origin.
import { AuthError, RouterError } from "../errors.ts";
import { matchKey, presentedKey } from "./auth.ts";

/** What the guard needs to know about one request; built from the Request and the socket by the app. */
export interface AdminRequest {
  method: string;
  /** The request URL as the server saw it (its host comes from the Host header on a real socket). */
  url: string;
  headers: Headers;
  /** The client's IP; undefined for requests handed to the app in-process (tests), which never crossed a socket. */
  remoteAddress: string | undefined;
  /** The port the server listens on; undefined in-process, where the Host port is not checked. */
  serverPort: number | undefined;
}

/** Who may use the admin API. */
export interface AdminPolicy {
  /** True when any APIKEY is configured: the admin API then needs an admin key whatever the client's address. */
  authRequired: boolean;
  /** Keys accepted on the admin API (unrestricted client keys). */
  adminKeys: readonly string[];
}

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The path as a lenient router might see it (decoded, slashes collapsed, lower case), so no spelling slips past. */
function normalizePath(path: string): string {
  let out = path;
  try {
    out = decodeURIComponent(path);
  } catch {
    // Malformed escapes: judge the raw text; the router will not match it to a route either.
  }
  return out.replace(/\/{2,}/g, "/").toLowerCase();
}

/** True for paths the guard protects: `/api`, `/api/*`, `/ui`, `/ui/*` and `/metrics` (in any spelling of them). */
export function isAdminPath(path: string): boolean {
  const p = normalizePath(path);
  return p === "/api" || p.startsWith("/api/") || p === "/ui" || p.startsWith("/ui/") || p === "/metrics" || p.startsWith("/metrics/");
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase();
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** The Host the client asked for: the header on a real socket, else the URL's host (in-process requests). */
function hostOf(req: AdminRequest): string {
  const header = req.headers.get("host");
  if (header !== null) return header.trim().toLowerCase();
  return new URL(req.url).host.toLowerCase();
}

/** Splits `name:port` / `[v6]:port`; the port is undefined when absent. */
function splitHost(host: string): { name: string; port: string | undefined } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  if (!match) return { name: host, port: undefined };
  return { name: match[1] ?? host, port: match[2] };
}

/** Host must name this machine (127.0.0.1, localhost or [::1]) on the server's own port: defeats DNS rebinding. */
function checkLocalHost(req: AdminRequest): void {
  const { name, port } = splitHost(hostOf(req));
  const portOk = req.serverPort === undefined || port === String(req.serverPort) || (port === undefined && req.serverPort === 80);
  if (!LOOPBACK_NAMES.has(name) || !portOk) {
    throw forbidden("Without an APIKEY ccr answers only requests addressed to 127.0.0.1, localhost or [::1] on its own port (Host header). Set APIKEY to reach it from elsewhere.");
  }
}

/** A browser's Origin, when sent, must be this server itself; `Sec-Fetch-Site`, when sent, must not be cross-site. */
function checkSameOrigin(req: AdminRequest): void {
  const origin = req.headers.get("origin");
  if (origin !== null) {
    const expected = [`http://${hostOf(req)}`, `https://${hostOf(req)}`];
    if (!expected.includes(origin.trim().toLowerCase())) {
      throw forbidden("ccr refuses requests from other web origins (Origin header) on this path.");
    }
  }
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    throw forbidden("ccr refuses requests started by other sites (Sec-Fetch-Site header) on this path.");
  }
}

function forbidden(message: string): RouterError {
  return new RouterError(403, "permission_error", message);
}

/** GETs of the UI's static files carry no data, so a browser may load them before the user has typed the key in. */
function isUiAsset(req: AdminRequest): boolean {
  const path = new URL(req.url).pathname;
  return (req.method === "GET" || req.method === "HEAD") && (path === "/ui" || path.startsWith("/ui/"));
}

/** Throws a 401/403 RouterError unless the request may use the admin API. */
export function checkAdmin(req: AdminRequest, policy: AdminPolicy): void {
  checkSameOrigin(req);
  if (policy.authRequired) {
    if (isUiAsset(req)) return;
    const key = presentedKey(req.headers);
    if (!key) throw new AuthError("Missing API key: the admin API needs the ccr APIKEY in the x-api-key header or as Authorization: Bearer <key>.");
    if (matchKey(key, policy.adminKeys) === undefined) throw new AuthError("Invalid API key for the admin API.");
    return;
  }
  checkLocalOnly(req, "the admin API");
}

/** Without any APIKEY: only clients on this machine, addressing it by a loopback Host, from no foreign web page. */
export function checkLocalOnly(req: AdminRequest, what = "ccr"): void {
  checkSameOrigin(req);
  if (req.remoteAddress !== undefined && !isLoopbackAddress(req.remoteAddress)) {
    throw forbidden(`No APIKEY is set, so ${what} answers only clients on this machine.`);
  }
  checkLocalHost(req);
}

/** The socket facts the guard reads; Bun's server, or null for requests handed to the app in-process. */
export interface SocketInfo {
  readonly port?: number | undefined;
  requestIP(request: Request): { address: string } | null;
}

/** Builds the guard's input from a request and the server that received it. */
export function adminRequestOf(request: Request, server: SocketInfo | null): AdminRequest {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    remoteAddress: server ? (server.requestIP(request)?.address ?? "unknown") : undefined,
    serverPort: server?.port,
  };
}
