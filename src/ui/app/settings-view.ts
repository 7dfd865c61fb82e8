// Settings screen: server, keys, timeouts, proxy, logging, status line, limits, and raw JSON.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { ClientKeysEditor } from "./client-keys-editor.ts";
import type { Editor } from "./editor.ts";
import { CheckField, JsonField, LockedField, NumberField, SelectField, TextField } from "./fields.ts";
import { RawJson } from "./raw-json.ts";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace"];

/** What the server uses for a key left empty (src/config/compile.ts; a test keeps the two equal), shown as placeholders. */
export const DEFAULTS = {
  HOST: "127.0.0.1",
  PORT: 3456,
  API_TIMEOUT_MS: 600_000,
  BODY_LIMIT_MB: 32,
  RETRIES: 2,
  RETRY_MAX_WAIT_MS: 10_000,
  CIRCUIT_FAILURES: 3,
  CIRCUIT_COOLDOWN_MS: 30_000,
  USAGE_RETENTION_DAYS: 30,
  USAGE_MAX_MB: 200,
} as const;

const hint = (key: keyof typeof DEFAULTS) => String(DEFAULTS[key]);

/** The Settings screen. */
export function SettingsView({ ed }: { ed: Editor }): VNode {
  return html`<div class="settings">
    <h2>Settings</h2>
    ${ed.file ? html`<p class="muted">Config file: <code>${ed.file}</code></p>` : null}
    ${ed.warnings.length > 0 ? html`<ul class="warnings">${ed.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : null}
    <div class="cards">
      <section class="card" aria-label="Server">
        <h3>Server</h3>
        <${TextField} ed=${ed} path=${["HOST"]} label="Host" placeholder=${hint("HOST")} hint="Other addresses need an API key." />
        <${NumberField} ed=${ed} path=${["PORT"]} label="Port" placeholder=${hint("PORT")} hint="A new port applies after a restart." />
        <${NumberField} ed=${ed} path=${["API_TIMEOUT_MS"]} label="Upstream timeout (ms)" placeholder=${hint("API_TIMEOUT_MS")} />
        <${TextField} ed=${ed} path=${["PROXY_URL"]} label="Proxy URL" placeholder="http://127.0.0.1:7890" />
        <${NumberField} ed=${ed} path=${["BODY_LIMIT_MB"]} label="Request body limit (MB)" placeholder=${hint("BODY_LIMIT_MB")} />
        <${CheckField} ed=${ed} path=${["NON_INTERACTIVE_MODE"]} label="Non-interactive mode (CI, containers)" />
      </section>
      <section class="card" aria-label="Reliability">
        <h3>Retries and circuit breaker</h3>
        <${NumberField} ed=${ed} path=${["RETRIES"]} label="Retries per route" placeholder=${hint("RETRIES")} />
        <${NumberField} ed=${ed} path=${["RETRY_MAX_WAIT_MS"]} label="Longest total retry wait (ms)" placeholder=${hint("RETRY_MAX_WAIT_MS")} />
        <${NumberField} ed=${ed} path=${["CIRCUIT_FAILURES"]} label="Failures that open a route's circuit (0: off)" placeholder=${hint("CIRCUIT_FAILURES")} />
        <${NumberField} ed=${ed} path=${["CIRCUIT_COOLDOWN_MS"]} label="Circuit cool-down (ms)" placeholder=${hint("CIRCUIT_COOLDOWN_MS")} />
      </section>
      <section class="card" aria-label="Logging">
        <h3>Logging and usage</h3>
        <${CheckField} ed=${ed} path=${["LOG"]} label="Write the server log" />
        <${SelectField} ed=${ed} path=${["LOG_LEVEL"]} label="Log level" options=${LEVELS} none="(default: info)" />
        <${CheckField} ed=${ed} path=${["LOG_BODIES"]} label="Store request and response bodies (secrets redacted)" />
        <${NumberField} ed=${ed} path=${["USAGE_RETENTION_DAYS"]} label="Keep request history (days)" placeholder=${hint("USAGE_RETENTION_DAYS")} />
        <${NumberField} ed=${ed} path=${["USAGE_MAX_MB"]} label="Request history size cap (MB)" placeholder=${hint("USAGE_MAX_MB")} />
      </section>
      <${ClientKeysEditor} ed=${ed} />
      <section class="card" aria-label="Status line and more">
        <h3>Status line and more</h3>
        <${JsonField} ed=${ed} path=${["StatusLine"]} label="StatusLine" rows=${6} hint='e.g. {"enabled": true, "currentStyle": "default"}' />
        <${LockedField} ed=${ed} path=${["transformers"]} label="Custom transformer scripts" />
        <${LockedField} ed=${ed} path=${["CLAUDE_PATH"]} label="Claude Code executable" />
      </section>
    </div>
    <${RawJson} ed=${ed} />
  </div>`;
}
