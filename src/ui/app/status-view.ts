// Status screen: version, uptime, config path, and the circuit breaker's state per route.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { apiJson, errorText } from "./api.ts";
import { isObject, type JsonObject } from "./config-doc.ts";
import { formatTime, formatUptime } from "./format.ts";

function text(v: unknown): string {
  if (v === undefined || v === null) return "–";
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

/** Circuit entries from `circuits`/`breakers`/`routes`, as a list or a `{route: state}` map. */
export function circuits(status: JsonObject): { route: string; state: string; detail: string }[] {
  const raw = status.circuits ?? status.circuit ?? status.breakers ?? status.routes;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.entries(raw).map(([route, v]) => (isObject(v) ? { route, ...v } : { route, state: v })) : [];
  return list.flatMap((c) => {
    if (!isObject(c)) return [];
    const { route, state, ...rest } = c;
    const detail = Object.entries(rest)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => (k === "open_until" && typeof v === "string" && Number.isFinite(Date.parse(v)) ? `open until ${formatTime(Date.parse(v))}` : `${k}: ${text(v)}`))
      .join(", ");
    return [{ route: text(route), state: text(state), detail }];
  });
}

/** The Status screen. */
export function StatusView(): VNode {
  const [status, setStatus] = useState<JsonObject | undefined>(undefined);
  const [error, setError] = useState("");
  useEffect(() => {
    const load = () =>
      apiJson("/api/status").then(
        (body) => (setStatus(isObject(body) ? body : {}), setError("")),
        (err: unknown) => setError(errorText(err)),
      );
    void load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, []);
  if (error) return html`<p class="unavailable">Status is not available: ${error}</p>`;
  if (status === undefined) return html`<p class="muted">Loading status…</p>`;
  const uptime = typeof status.uptime === "number" ? formatUptime(status.uptime) : text(status.uptime);
  const list = circuits(status);
  return html`<div class="status">
    <h2>Status</h2>
    <dl class="facts" id="status-facts">
      <dt>Version</dt><dd>${text(status.version)}</dd>
      <dt>Uptime</dt><dd>${uptime}</dd>
      <dt>Config file</dt><dd class="mono">${text(status.configPath ?? status.config_path ?? status.path)}</dd>
    </dl>
    <h3>Circuit breaker per route</h3>
    ${list.length === 0
      ? html`<p class="muted">No route has failed yet: every circuit is closed.</p>`
      : html`<div class="table-wrap"><table id="circuits"><thead><tr><th>Route</th><th>State</th><th>Details</th></tr></thead>
          <tbody>${list.map((c) => html`<tr><td class="mono">${c.route}</td><td><span class=${`badge ${c.state === "closed" ? "ok" : "warn"}`}>${c.state}</span></td><td>${c.detail}</td></tr>`)}</tbody></table></div>`}
  </div>`;
}
