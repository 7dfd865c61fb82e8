// Starts ccr in-process with a request log in a temp dir, for request-log and admin-route tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileConfig } from "../../src/config/compile.ts";
import { silentLogger } from "../../src/log.ts";
import { startServer, type RunningServer } from "../../src/server/start.ts";
import type { RequestRow } from "../../src/usage/schema.ts";

export interface UsageServer {
  server: RunningServer;
  url: string;
  dir: string;
  /** Every stored row, oldest first, after writing what is queued. */
  rows(): Promise<RequestRow[]>;
  /** POSTs a Messages request and reads the whole answer. */
  ask(body: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
}

/** ccr on a free port with `doc` as its config and `<temp>/requests.db` as its request log. */
export async function startUsageServer(doc: Record<string, unknown>): Promise<UsageServer> {
  const dir = mkdtempSync(join(tmpdir(), "ccr-usage-server-"));
  const config = compileConfig(doc, {});
  const server = await startServer(config, { port: 0, logger: silentLogger, usageDb: join(dir, "requests.db") });
  return {
    server,
    url: server.url,
    dir,
    async rows() {
      await server.recorder.flush();
      return (server.recorder.store?.list({ limit: 1000 }, true) ?? []).reverse();
    },
    async ask(body, headers = {}) {
      const res = await fetch(`${server.url}/v1/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ max_tokens: 100, messages: [{ role: "user", content: "Hello there, how are you?" }], ...body }),
      });
      return { status: res.status, text: await res.text() };
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
