// Asks a URL whether a ccr answers there, and the OS whether a port is free.

/** What answered on `/health`: a ccr (with its PID), something else, or nothing at all. */
export type HealthProbe =
  | { kind: "ccr"; pid: number | undefined; version: string; uptime: number }
  | { kind: "other"; detail: string }
  | { kind: "none" };

function field(body: unknown, key: string): unknown {
  if (typeof body !== "object" || body === null) return undefined;
  return Object.entries(body).find(([name]) => name === key)?.[1];
}

/** GET `<url>/health` within `timeoutMs`; a ccr says `service: "ccr"` (older builds: `status: "ok"` with a version). */
export async function probeHealth(url: string, timeoutMs = 1000): Promise<HealthProbe> {
  let res: Response;
  try {
    res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    // Refused, reset or timed out: nobody (or nothing speaking HTTP) is there.
    return { kind: "none" };
  }
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: some other HTTP server.
    return { kind: "other", detail: `HTTP ${res.status} from ${url}/health` };
  }
  const service = field(body, "service");
  if (res.ok && (service === "ccr" || (field(body, "status") === "ok" && typeof field(body, "version") === "string"))) {
    const pid = field(body, "pid");
    const uptime = field(body, "uptime");
    return { kind: "ccr", pid: typeof pid === "number" ? pid : undefined, version: String(field(body, "version")), uptime: typeof uptime === "number" ? uptime : 0 };
  }
  return { kind: "other", detail: `HTTP ${res.status} from ${url}/health` };
}

/** True when something already listens on host:port (binding it fails with EADDRINUSE). */
export function portInUse(host: string, port: number): boolean {
  try {
    const probe = Bun.listen({ hostname: host, port, socket: { data() {} } });
    probe.stop(true);
    return false;
  } catch (err) {
    return err instanceof Error && "code" in err && err.code === "EADDRINUSE";
  }
}
