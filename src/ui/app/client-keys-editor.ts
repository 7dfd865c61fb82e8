// APIKEY: one key for everyone, or named client keys with their own routes and limits.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useState } from "preact/hooks";
import { storedKey } from "./api.ts";
import { getAt, isMasked, routeChoices } from "./config-doc.ts";
import type { Editor } from "./editor.ts";
import { CheckField, fieldId, inputValue, NumberField, Problems, SecretField, TextField } from "./fields.ts";

function Routes({ ed, index }: { ed: Editor; index: number }): VNode {
  const path = ["APIKEY", index, "routes"];
  const raw = getAt(ed.doc, path);
  const chosen = Array.isArray(raw) ? raw.filter((r): r is string => typeof r === "string") : [];
  const choices = [...new Set([...routeChoices(ed.doc), ...chosen])];
  const toggle = (route: string, on: boolean) => {
    const next = on ? [...chosen, route] : chosen.filter((r) => r !== route);
    ed.set(path, next.length === 0 ? undefined : next);
  };
  return html`<fieldset class="routes">
    <legend>Allowed routes (none ticked: all)</legend>
    ${choices.map((r) => {
      const id = `${fieldId(path)}-${r.replace(/[^A-Za-z0-9]+/g, "-")}`;
      return html`<span class="check"><input id=${id} type="checkbox" checked=${chosen.includes(r)} onChange=${(e: Event) => toggle(r, e.currentTarget instanceof HTMLInputElement && e.currentTarget.checked)} /><label for=${id}>${r}</label></span>`;
    })}
    <${Problems} ed=${ed} path=${path} />
  </fieldset>`;
}

/**
 * The key of the first named key when switching from one APIKEY: the server refuses a masked value under another name,
 * but this tab already holds that key (the admin API accepted it, and a single APIKEY is the only admin key).
 */
export function firstKey(apiKey: unknown, tabKey: string | null): string {
  if (typeof apiKey !== "string") return "";
  if (!isMasked(apiKey)) return apiKey;
  return tabKey !== null && tabKey.endsWith(apiKey.slice(4)) ? tabKey : "";
}

/** The APIKEY part of Settings. */
export function ClientKeysEditor({ ed }: { ed: Editor }): VNode {
  const value = getAt(ed.doc, ["APIKEY"]);
  const list = Array.isArray(value) ? value : undefined;
  const mode = list ? "list" : "single";
  const [, bump] = useState(0);
  const switchTo = (next: string) => {
    if (next === mode) return;
    if (next === "list") ed.set(["APIKEY"], [{ name: "default", key: firstKey(value, storedKey()) }]);
    else if (!list || list.length === 0 || confirm("Drop the named client keys? Until you save, Discard brings them back.")) ed.set(["APIKEY"], undefined);
    // Declined: render again so the select shows the kind the document still has.
    else bump((n) => n + 1);
  };
  return html`<section class="card" aria-label="API keys">
    <h3>Client API keys</h3>
    <p class="muted">Without any key the server answers only this machine. Clients send the key as x-api-key or a Bearer token.</p>
    <div class="field">
      <label for="apikey-mode">Kind</label>
      <select id="apikey-mode" value=${mode} onChange=${(e: Event) => switchTo(inputValue(e))}>
        <option value="single">One key (or none)</option>
        <option value="list">Named client keys with limits</option>
      </select>
    </div>
    ${list === undefined
      ? html`<${SecretField} ed=${ed} path=${["APIKEY"]} label="APIKEY" />`
      : html`${list.map(
            (_, i) => html`<fieldset class="client-key">
              <legend>Key ${i + 1}</legend>
              <${TextField} ed=${ed} path=${["APIKEY", i, "name"]} label="Name" />
              <${SecretField} ed=${ed} path=${["APIKEY", i, "key"]} label="Key" />
              <${NumberField} ed=${ed} path=${["APIKEY", i, "rpm"]} label="Requests per minute" placeholder="unlimited" />
              <${NumberField} ed=${ed} path=${["APIKEY", i, "tpm"]} label="Tokens per minute" placeholder="unlimited" />
              <${NumberField} ed=${ed} path=${["APIKEY", i, "daily_budget"]} label="Daily budget (USD)" placeholder="unlimited" />
              <${CheckField} ed=${ed} path=${["APIKEY", i, "admin"]} label="May use the admin API and this UI" />
              <${Routes} ed=${ed} index=${i} />
              <button type="button" class="danger" onClick=${() => ed.set(["APIKEY", i], undefined)}>Remove key</button>
            </fieldset>`,
          )}
          <button type="button" onClick=${() => ed.set(["APIKEY", list.length], { name: `client-${list.length + 1}`, key: "" })}>Add client key</button>`}
    <${Problems} ed=${ed} path=${["APIKEY"]} />
  </section>`;
}
