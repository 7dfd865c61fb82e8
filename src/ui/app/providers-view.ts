// Providers screen: the list, adding from a vendor preset, and the editor of the selected provider.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { apiJson } from "./api.ts";
import { problemsAt, providerList, providersKey } from "./config-doc.ts";
import type { Editor } from "./editor.ts";
import { inputValue } from "./fields.ts";
import { ProviderEditor } from "./provider-editor.ts";
import { entryFromPreset, parsePresets, type Preset } from "./provider-doc.ts";

function AddProvider({ ed, presets, onAdded }: { ed: Editor; presets: Preset[]; onAdded: (index: number) => void }): VNode {
  const [presetId, setPresetId] = useState("custom");
  const add = () => {
    const list = providerList(ed.doc);
    const taken = list.map((p) => (typeof p.name === "string" ? p.name : ""));
    const entry = entryFromPreset(presets.find((p) => p.id === presetId), taken);
    ed.set([providersKey(ed.doc), list.length], entry);
    onAdded(list.length);
  };
  return html`<div class="add-provider">
    <label for="add-preset">New provider from</label>
    <select id="add-preset" value=${presetId} onChange=${(e: Event) => setPresetId(inputValue(e))}>
      ${presets.length === 0 ? html`<option value="custom">a blank entry</option>` : null}
      ${presets.map((p) => html`<option value=${p.id}>${p.label}</option>`)}
    </select>
    <button type="button" id="add-provider" onClick=${add}>Add provider</button>
  </div>`;
}

/** The Providers screen. */
export function ProvidersView({ ed }: { ed: Editor }): VNode {
  const [presets, setPresets] = useState<Preset[]>([]);
  const [selected, setSelected] = useState(0);
  // Bumped on removal: the next provider takes the removed one's index, and must not inherit its form's state.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    apiJson("/api/presets").then(
      (body) => setPresets(parsePresets(body)),
      () => setPresets([]),
    );
  }, []);
  const key = providersKey(ed.doc);
  const list = providerList(ed.doc);
  const index = Math.min(selected, Math.max(0, list.length - 1));
  const current = list[index];
  return html`<div class="split">
    <section class="list" aria-label="Providers">
      <h2>Providers</h2>
      ${list.length === 0 ? html`<p class="muted">No providers yet.</p>` : null}
      <ul>
        ${list.map((p, i) => {
          const bad = problemsAt(ed.problems, [key, i]).length > 0;
          return html`<li>
            <button type="button" class=${`item${i === index ? " selected" : ""}${bad ? " has-problem" : ""}`} aria-pressed=${i === index} onClick=${() => setSelected(i)}>
              <strong>${typeof p.name === "string" && p.name !== "" ? p.name : "(unnamed)"}</strong>
              <small>${typeof p.api_base_url === "string" ? p.api_base_url : ""}</small>
              <small>${Array.isArray(p.models) ? `${p.models.length} model${p.models.length === 1 ? "" : "s"}` : ""}</small>
            </button>
          </li>`;
        })}
      </ul>
      <${AddProvider} ed=${ed} presets=${presets} onAdded=${setSelected} />
    </section>
    <section class="detail" aria-label="Provider">
      ${current === undefined
        ? html`<p class="muted">Add a provider to route requests to it.</p>`
        : html`<${ProviderEditor} key=${`${generation}-${index}`} ed=${ed} index=${index} presets=${presets} onRemoved=${() => {
            setSelected(Math.max(0, index - 1));
            setGeneration((g) => g + 1);
          }} />`}
    </section>
  </div>`;
}
