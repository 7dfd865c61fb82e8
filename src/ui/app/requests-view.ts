// Live requests: a table that grows as requests finish (SSE), and the details of one request.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { apiJson, errorText } from "./api.ts";
import { isObject } from "./config-doc.ts";
import { formatCost, formatDuration, formatTime, formatTokens } from "./format.ts";
import { useEventStream } from "./live.ts";
import { inputValue } from "./fields.ts";
import { addRow, filterQuery, matchesFilter, parseRow, parseRows, type Row, type RowFilter } from "./request-rows.ts";

function route(r: Row): string {
  return r.provider && r.model ? `${r.provider},${r.model}` : (r.model ?? "–");
}

function Details({ id, onClose }: { id: number; onClose: () => void }): VNode {
  const [row, setRow] = useState<Row | undefined>(undefined);
  const [error, setError] = useState("");
  const close = useRef<HTMLButtonElement>(null);
  // Keyboard users land in the details they opened; Escape or the button takes them back to the row.
  useEffect(() => close.current?.focus(), []);
  useEffect(() => {
    apiJson(`/api/requests/${id}`).then(
      (body) => setRow(parseRow(isObject(body) && isObject(body.row) ? body.row : body)),
      (err: unknown) => setError(errorText(err)),
    );
  }, [id]);
  const item = (label: string, value: string | VNode) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<aside class="details" aria-label="Request details" id="request-details">
    <div class="row"><h3>Request #${id}</h3><button type="button" ref=${close} onClick=${onClose} aria-label="Close details (Escape)">✕</button></div>
    ${error ? html`<p class="error">${error}</p>` : null}
    ${row
      ? html`<dl>
          ${item("Time", new Date(row.time).toLocaleString())}
          ${item("Session", row.session ?? "–")}
          ${item("Client key", row.client_key ?? "–")}
          ${item("Scenario", row.scenario)}
          ${item("Why", row.reason ?? "–")}
          ${item("Route", route(row))}
          ${item("Attempts", String(row.attempts))}
          ${item("Failed attempts", row.failures.length === 0 ? "none" : html`<ol>${row.failures.map((f) => html`<li class="mono">${f}</li>`)}</ol>`)}
          ${item("Status", `${row.status}${row.error_type ? ` (${row.error_type})` : ""}`)}
          ${item("Tokens", `${formatTokens(row.input_tokens)} in, ${formatTokens(row.output_tokens)} out${row.cache_read_tokens ? `, ${formatTokens(row.cache_read_tokens)} cached` : ""}`)}
          ${item("Time to first token", formatDuration(row.ttft_ms))}
          ${item("Duration", formatDuration(row.duration_ms))}
          ${item("Cost", formatCost(row.cost))}
        </dl>
        ${row.request_body ? html`<h4>Request body</h4><pre class="mono">${row.request_body}</pre>` : null}
        ${row.response_body ? html`<h4>Response body</h4><pre class="mono">${row.response_body}</pre>` : null}`
      : error ? null : html`<p class="muted">Loading…</p>`}
  </aside>`;
}

const SCENARIOS = ["default", "background", "think", "longContext", "webSearch", "image", "explicit", "subagent", "custom"];

function RowView({ r, open, onOpen }: { r: Row; open: boolean; onOpen: (id: number) => void }): VNode {
  const onKey = (e: KeyboardEvent) => {
    const row = e.currentTarget instanceof HTMLElement ? e.currentTarget : undefined;
    const next = e.key === "ArrowDown" ? row?.nextElementSibling : e.key === "ArrowUp" ? row?.previousElementSibling : undefined;
    if (next instanceof HTMLElement && next.tabIndex === 0) {
      e.preventDefault();
      next.focus();
    }
    if (e.key !== "Enter" && e.key !== " ") return;
    e.preventDefault();
    onOpen(r.id);
  };
  return html`<tr tabindex="0" class=${`${r.status >= 400 ? "failed" : ""}${open ? " selected" : ""}`} data-id=${r.id} onClick=${() => onOpen(r.id)} onKeyDown=${onKey}>
    <td>${formatTime(r.time)}</td>
    <td class="mono" title=${r.session ?? ""}>${r.session ? r.session.slice(0, 8) : "–"}</td>
    <td title=${r.reason ?? ""}>${r.scenario}${r.reason ? html`<small> ${r.reason}</small>` : null}</td>
    <td class="mono route">${route(r)}</td>
    <td class="num">${r.attempts}</td>
    <td class="num">${r.status}</td>
    <td class="num">${formatTokens(r.input_tokens)} / ${formatTokens(r.output_tokens)}</td>
    <td class="num">${formatDuration(r.ttft_ms)}</td>
    <td class="num">${formatDuration(r.duration_ms)}</td>
    <td class="num">${formatCost(r.cost)}</td>
  </tr>`;
}

/** The Requests screen. */
export function RequestsView(): VNode {
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState("");
  const [open, setOpen] = useState<number | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [filter, setFilter] = useState<RowFilter>({ scenario: "", status: "" });
  const [older, setOlder] = useState<number | null>(null);
  const load = (before: number | null) =>
    apiJson(`/api/requests?${filterQuery(filter, before)}`).then(
      (body) => {
        setRows((current) => parseRows(body).reduce((acc, r) => addRow(acc, r, 5000), before === null ? [] : current));
        setOlder(isObject(body) && typeof body.next_before === "number" ? body.next_before : null);
        setReady(true);
        setError("");
      },
      (err: unknown) => setError(errorText(err)),
    );
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    void load(null);
  }, [filter, attempt]);
  useEffect(() => {
    // A failed load (ccr restarting, say) is tried again instead of leaving the screen empty until the next visit.
    if (error === "") return;
    const retry = setTimeout(() => setAttempt((n) => n + 1), 5000);
    return () => clearTimeout(retry);
  }, [error, attempt]);
  const closeDetails = () => {
    if (open !== undefined) document.querySelector<HTMLElement>(`#requests-table tr[data-id="${open}"]`)?.focus();
    setOpen(undefined);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && closeDetails();
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [open]);
  const live = useEventStream(
    ready ? "/api/requests/stream" : undefined,
    (data) => {
      try {
        const row = parseRow(JSON.parse(data));
        if (row && matchesFilter(row, filter)) setRows((current) => addRow(current, row, 5000));
      } catch {
        // A keep-alive or a malformed event: nothing to show.
      }
    },
    // Requests that finished while the feed was down never reach it: load the table again.
    () => void load(null),
  );
  if (error) return html`<p class="unavailable">Requests are not available: ${error}</p>`;
  const pick = (key: keyof RowFilter) => (e: Event) => setFilter({ ...filter, [key]: inputValue(e) });
  return html`<div class=${open === undefined ? "requests" : "requests with-details"}>
    <div class="row">
      <h2>Requests</h2>
      <label for="filter-scenario">Scenario</label>
      <select id="filter-scenario" value=${filter.scenario} onChange=${pick("scenario")}><option value="">all</option>${SCENARIOS.map((x) => html`<option value=${x}>${x}</option>`)}</select>
      <label for="filter-status">Status</label>
      <select id="filter-status" value=${filter.status} onChange=${pick("status")}><option value="">all</option><option value="2">2xx</option><option value="4">4xx</option><option value="5">5xx</option></select>
      <span class=${`badge ${live === "live" ? "ok" : ""}`} id="live-state">${live}</span>
    </div>
    <div class="table-wrap">
      <table id="requests-table">
        <thead><tr><th>Time</th><th>Session</th><th>Scenario</th><th>Route</th><th class="num">Tries</th><th class="num">Status</th><th class="num">Tokens in/out</th><th class="num">TTFT</th><th class="num">Duration</th><th class="num">Cost</th></tr></thead>
        <tbody>
          ${rows.length === 0 ? html`<tr><td colspan="10" class="muted">No requests yet. They appear here as they finish.</td></tr>` : null}
          ${rows.map((r) => html`<${RowView} key=${r.id} r=${r} open=${open === r.id} onOpen=${setOpen} />`)}
        </tbody>
      </table>
      ${older !== null ? html`<p><button type="button" onClick=${() => void load(older)}>Load older</button></p>` : null}
    </div>
    ${open !== undefined ? html`<${Details} key=${open} id=${open} onClose=${closeDetails} />` : null}
  </div>`;
}
