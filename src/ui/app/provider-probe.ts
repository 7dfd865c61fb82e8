// "Test connection" and "Fetch models" for a saved provider: both ask the server, which uses the saved config.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useState } from "preact/hooks";
import { apiJson, ApiError, errorText } from "./api.ts";
import { isObject } from "./config-doc.ts";
import type { Editor } from "./editor.ts";
import { inputValue } from "./fields.ts";

interface Props {
  ed: Editor;
  name: string;
  models: string[];
  onAddModel: (model: string) => void;
}

/** One line for a test result body: the answer and latency, or the exact error. */
export function describeTest(body: unknown): { ok: boolean; text: string } {
  if (!isObject(body)) return { ok: false, text: "no answer" };
  if (body.ok === true) return { ok: true, text: `OK in ${typeof body.ms === "number" ? body.ms : "?"} ms: ${JSON.stringify(typeof body.text === "string" ? body.text : "")}` };
  const status = typeof body.status === "number" ? `HTTP ${body.status}: ` : "";
  return { ok: false, text: `${status}${typeof body.message === "string" ? body.message : "failed"}` };
}

/** The server reloads a saved config a moment after the write; until then a just-saved provider is unknown (404). */
async function whenSaved(call: () => Promise<unknown>): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404 || attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** The probe panel of the provider editor. */
export function ProviderProbe({ ed, name, models, onAddModel }: Props): VNode {
  const [model, setModel] = useState("");
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState("");
  const [found, setFound] = useState<string[] | undefined>(undefined);
  const unsaved = ed.changes.length > 0;
  const chosen = models.includes(model) ? model : (models[0] ?? "");
  const test = async () => {
    setBusy("test");
    setResult(undefined);
    try {
      setResult(describeTest(await whenSaved(() => apiJson(`/api/providers/${encodeURIComponent(name)}/test`, { method: "POST", body: { model: chosen } }))));
    } catch (err) {
      setResult({ ok: false, text: errorText(err) });
    }
    setBusy("");
  };
  const fetchModels = async () => {
    setBusy("models");
    setResult(undefined);
    try {
      const body = await whenSaved(() => apiJson(`/api/providers/${encodeURIComponent(name)}/models`));
      setFound(isObject(body) && Array.isArray(body.models) ? body.models.filter((m): m is string => typeof m === "string") : []);
    } catch (err) {
      setFound(undefined);
      setResult({ ok: false, text: errorText(err) });
    }
    setBusy("");
  };
  return html`<fieldset class="probe">
    <legend>Check</legend>
    ${unsaved ? html`<p class="muted">Save first: tests use the saved config.</p>` : null}
    <div class="row">
      <label for="probe-model">Model</label>
      <select id="probe-model" value=${chosen} onChange=${(e: Event) => setModel(inputValue(e))}>
        ${models.map((m) => html`<option value=${m}>${m}</option>`)}
      </select>
      <button type="button" id="test-connection" disabled=${unsaved || busy !== "" || chosen === "" || name === ""} onClick=${test}>${busy === "test" ? "Testing…" : "Test connection"}</button>
      <button type="button" id="fetch-models" disabled=${unsaved || busy !== "" || name === ""} onClick=${fetchModels}>${busy === "models" ? "Fetching…" : "Fetch models"}</button>
    </div>
    ${result ? html`<p class=${result.ok ? "ok" : "error"} role="status" id="probe-result">${result.text}</p>` : null}
    ${found
      ? html`<div class="found"><p>${found.length} model${found.length === 1 ? "" : "s"} offered:</p>
          <ul>${found.map((m) => html`<li><span class="mono">${m}</span> ${models.includes(m) ? html`<small>(added)</small>` : html`<button type="button" onClick=${() => onAddModel(m)}>Add</button>`}</li>`)}</ul></div>`
      : null}
  </fieldset>`;
}
