// Usage screen: tokens and cost per day for the last 30 days, and per model or provider; refreshed as requests finish.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { apiJson, errorText } from "./api.ts";
import { BarChart } from "./chart.ts";
import { formatCost, formatTokens } from "./format.ts";
import { useEventStream } from "./live.ts";
import { groupLabel, lastDays, localZone, parseUsage, type UsageGroup } from "./request-rows.ts";

const DAYS = 30;

/** The cost, or a dash when no request of the group had a known price. */
function costText(g: { cost: number; unpriced: number; requests: number }): string {
  return g.cost === 0 && g.unpriced > 0 ? "–" : formatCost(g.cost);
}

/** The Usage screen. */
export function UsageView(): VNode {
  const [by, setBy] = useState<"model" | "provider">("model");
  const [days, setDays] = useState<UsageGroup[] | undefined>(undefined);
  const [groups, setGroups] = useState<UsageGroup[]>([]);
  const [error, setError] = useState("");
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const tz = encodeURIComponent(localZone());
    Promise.all([apiJson(`/api/usage?days=${DAYS}&by=day&tz=${tz}`), apiJson(`/api/usage?days=${DAYS}&by=${by}&tz=${tz}`)]).then(
      ([perDay, perGroup]) => {
        setDays(parseUsage(perDay));
        setGroups(parseUsage(perGroup).sort((a, b) => b.input_tokens + b.output_tokens - (a.input_tokens + a.output_tokens)));
        setError("");
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, [by, tick]);
  useEffect(() => {
    // A failed load (ccr restarting, say) is tried again instead of leaving the screen empty until the next visit.
    if (error === "") return;
    const retry = setTimeout(() => setTick((n) => n + 1), 5000);
    return () => clearTimeout(retry);
  }, [error, tick]);
  // A finished request changes the numbers: refetch, at most twice a second.
  useEventStream(
    error === "" ? "/api/requests/stream" : undefined,
    () => {
      if (timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        setTick((n) => n + 1);
      }, 500);
    },
    // Requests that finished while the feed was down are in the totals only after a refetch.
    () => setTick((n) => n + 1),
  );
  if (error) return html`<p class="unavailable">Usage is not available: ${error}</p>`;
  if (days === undefined) return html`<p class="muted">Loading usage…</p>`;
  const labels = lastDays(DAYS);
  const at = (day: string) => days.find((d) => d.key.slice(0, 10) === day);
  const total = days.reduce(
    (t, d) => ({ tokens: t.tokens + d.input_tokens + d.output_tokens, cost: t.cost + d.cost, requests: t.requests + d.requests, unpriced: t.unpriced + d.unpriced }),
    { tokens: 0, cost: 0, requests: 0, unpriced: 0 },
  );
  return html`<div class="usage">
    <h2>Usage, last ${DAYS} days</h2>
    <p id="usage-total"><strong>${total.requests}</strong> requests, <strong>${formatTokens(total.tokens)}</strong> tokens, <strong>${costText(total)}</strong>${total.unpriced > 0 ? html` <small>(${total.unpriced} without a known price; set model_info prices to count them)</small>` : null}</p>
    <${BarChart} id="chart-tokens" title="Tokens per day" labels=${labels.map((d) => d.slice(5))} format=${formatTokens}
      series=${[
        { name: "input", className: "s-input", values: labels.map((d) => at(d)?.input_tokens ?? 0) },
        { name: "output", className: "s-output", values: labels.map((d) => at(d)?.output_tokens ?? 0) },
      ]} />
    <${BarChart} id="chart-cost" title="Cost per day (USD)" labels=${labels.map((d) => d.slice(5))} format=${formatCost}
      series=${[{ name: "cost", className: "s-cost", values: labels.map((d) => at(d)?.cost ?? 0) }]} />
    <div class="row">
      <h3>By ${by}</h3>
      <div role="group" aria-label="Group by">
        <button type="button" aria-pressed=${by === "model"} onClick=${() => setBy("model")}>Model</button>
        <button type="button" aria-pressed=${by === "provider"} onClick=${() => setBy("provider")}>Provider</button>
      </div>
    </div>
    <div class="table-wrap"><table id="usage-groups">
      <thead><tr><th>${by === "model" ? "Model" : "Provider"}</th><th class="num">Requests</th><th class="num">Input</th><th class="num">Output</th><th class="num">Cost</th></tr></thead>
      <tbody>
        ${groups.length === 0 ? html`<tr><td colspan="5" class="muted">No requests in this period.</td></tr>` : null}
        ${groups.map((g) => html`<tr><td class="mono">${groupLabel(g.key)}</td><td class="num">${g.requests}</td><td class="num">${formatTokens(g.input_tokens)}</td><td class="num">${formatTokens(g.output_tokens)}</td><td class="num">${costText(g)}</td></tr>`)}
      </tbody>
    </table></div>
  </div>`;
}
