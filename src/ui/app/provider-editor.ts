// The form of one provider: name, endpoint, key, models (each with its own transformers), provider transformers, probe.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useState } from "preact/hooks";
import { getAt, isObject, providerList, providersKey, type KeyPath } from "./config-doc.ts";
import type { Editor } from "./editor.ts";
import { fieldId, inputValue, NumberField, Problems, SecretField, TextField } from "./fields.ts";
import { modelsOf, type Preset } from "./provider-doc.ts";
import { ProviderProbe } from "./provider-probe.ts";
import { TransformerChain } from "./transformer-chain.ts";

interface Props {
  ed: Editor;
  index: number;
  presets: Preset[];
  onRemoved: () => void;
}

/** Per-model transformers, price (USD per million tokens, for the cost columns) and context window. */
function ModelOptions({ ed, base, model }: { ed: Editor; base: KeyPath; model: string }): VNode {
  const info = [...base, "model_info", model];
  return html`<div class="model-options">
    <${TransformerChain} ed=${ed} path=${[...base, "transformer", model, "use"]} label=${`Transformers for ${model} only`} />
    <fieldset class="price">
      <legend>Price and context (overrides the built-in table)</legend>
      <${NumberField} ed=${ed} path=${[...info, "price", "input"]} label="Input, USD per million tokens" />
      <${NumberField} ed=${ed} path=${[...info, "price", "output"]} label="Output, USD per million tokens" />
      <${NumberField} ed=${ed} path=${[...info, "price", "cache_read"]} label="Cache read, USD per million tokens" />
      <${NumberField} ed=${ed} path=${[...info, "context_window"]} label="Context window (tokens)" />
    </fieldset>
  </div>`;
}

function Models({ ed, index }: { ed: Editor; index: number }): VNode {
  const base = [providersKey(ed.doc), index];
  const models = modelsOf(providerList(ed.doc)[index]);
  const [adding, setAdding] = useState("");
  const [open, setOpen] = useState<string | undefined>(undefined);
  const add = (e: Event) => {
    e.preventDefault();
    const name = adding.trim();
    if (name !== "" && !models.includes(name)) ed.set([...base, "models"], [...models, name]);
    setAdding("");
  };
  const remove = (i: number) => {
    const name = models[i] ?? "";
    ed.set([...base, "models"], models.filter((_, j) => j !== i));
    if (name !== "" && getAt(ed.doc, [...base, "transformer", name]) !== undefined) ed.set([...base, "transformer", name], undefined);
    if (name !== "" && getAt(ed.doc, [...base, "model_info", name]) !== undefined) ed.set([...base, "model_info", name], undefined);
  };
  return html`<fieldset class="models">
    <legend>Models</legend>
    <ul>
      ${models.map((m, i) => {
        const chain = getAt(ed.doc, [...base, "transformer", m, "use"]);
        const count = Array.isArray(chain) ? chain.length : 0;
        return html`<li>
          <span class="model-name">${m}</span>
          <span class="model-actions">
            <button type="button" aria-expanded=${open === m} onClick=${() => setOpen(open === m ? undefined : m)}>Options${count > 0 ? ` (${count} transformer${count === 1 ? "" : "s"})` : ""}</button>
            <button type="button" aria-label=${`Remove model ${m}`} onClick=${() => remove(i)}>✕</button>
          </span>
          ${open === m ? html`<${ModelOptions} ed=${ed} base=${base} model=${m} />` : null}
        </li>`;
      })}
    </ul>
    <form class="inline" onSubmit=${add}>
      <input id=${`${fieldId(base)}-new-model`} type="text" spellcheck="false" placeholder="model name" aria-label="New model name" value=${adding} onInput=${(e: Event) => setAdding(inputValue(e))} />
      <button type="submit">Add model</button>
    </form>
    <${Problems} ed=${ed} path=${[...base, "models"]} />
  </fieldset>`;
}

/** Editor for `Providers[index]`. */
export function ProviderEditor({ ed, index, presets, onRemoved }: Props): VNode {
  const key = providersKey(ed.doc);
  const base = [key, index];
  const entry = providerList(ed.doc)[index];
  const name = entry && typeof entry.name === "string" ? entry.name : "";
  const preset = presets.find((p) => entry && p.api_base_url !== "" && p.api_base_url === entry.api_base_url);
  const remove = () => {
    if (!confirm(`Remove provider "${name}"? Routes that use it must change too before saving.`)) return;
    ed.set(base, undefined);
    onRemoved();
  };
  const transformer = getAt(ed.doc, [...base, "transformer"]);
  return html`<div class="provider-editor">
    <h2>${name || "(unnamed provider)"}</h2>
    ${preset?.keyUrl ? html`<p class="muted">${preset.label}: get a key at <a href=${preset.keyUrl} target="_blank" rel="noreferrer noopener">${preset.keyUrl}</a></p>` : null}
    <${TextField} ed=${ed} path=${[...base, "name"]} label="Name" hint="Used in routes as name,model; no commas." />
    <${TextField} ed=${ed} path=${[...base, "api_base_url"]} label="API URL" placeholder="https://api.example.com/v1/chat/completions" hint="The full endpoint URL." />
    <${SecretField} ed=${ed} path=${[...base, "api_key"]} label="API key" />
    <${Models} ed=${ed} index=${index} />
    <${TransformerChain} ed=${ed} path=${[...base, "transformer", "use"]} label="Transformers for every model" />
    ${transformer !== undefined && !isObject(transformer) ? html`<${Problems} ed=${ed} path=${[...base, "transformer"]} />` : null}
    <${ProviderProbe} ed=${ed} name=${name} models=${modelsOf(entry)} onAddModel=${(m: string) => ed.set([...base, "models"], [...modelsOf(entry), m])} />
    <p><button type="button" class="danger" onClick=${remove}>Remove provider</button></p>
  </div>`;
}
