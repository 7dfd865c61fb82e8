// Edits one transformer chain (`use: [...]`): names from the registry (custom names allowed), options as JSON, order.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { apiJson } from "./api.ts";
import { getAt, isObject, type Json, type KeyPath } from "./config-doc.ts";
import type { Editor } from "./editor.ts";
import { fieldId, inputValue, Problems } from "./fields.ts";
import { joinUseItem, splitUseItem } from "./provider-doc.ts";

let names: Promise<string[]> | undefined;

/** Built-in transformer names, fetched once. */
function useTransformerNames(): string[] {
  const [list, setList] = useState<string[]>([]);
  useEffect(() => {
    names ??= apiJson("/api/transformers").then(
      (body) => (isObject(body) && Array.isArray(body.transformers) ? body.transformers.filter((n): n is string => typeof n === "string") : []),
      () => [],
    );
    void names.then(setList);
  }, []);
  return list;
}

/** Text being typed into an options box, and the options value it was typed against. */
export interface OptionsDraft {
  text: string;
  /** JSON of the options the draft belongs to (after a valid edit: the edited value). */
  of: string;
}

/** The text an options box shows: its draft while the draft still belongs to these options, else the options. */
export function shownOptions(draft: OptionsDraft | undefined, options: Json | undefined): string {
  const of = JSON.stringify(options ?? null);
  if (draft !== undefined && draft.of === of) return draft.text;
  return options === undefined ? "" : JSON.stringify(options);
}

function OptionsInput({ id, options, onChange }: { id: string; options: Json | undefined; onChange: (o: Json | undefined) => void }): VNode {
  // The draft is tied to the options it edits: removing or moving an item must not leave its text on the neighbour.
  const [draft, setDraft] = useState<OptionsDraft | undefined>(undefined);
  const shown = shownOptions(draft, options);
  const error = draft !== undefined && shown === draft.text && draft.text.trim() !== "" && !parses(draft.text);
  const onInput = (e: Event) => {
    const t = inputValue(e);
    if (t.trim() === "") return (setDraft({ text: t, of: "null" }), onChange(undefined));
    try {
      const parsed: Json = JSON.parse(t);
      setDraft({ text: t, of: JSON.stringify(parsed) });
      onChange(parsed);
    } catch {
      setDraft({ text: t, of: JSON.stringify(options ?? null) });
    }
  };
  return html`<span class="options">
    <input id=${id} class="mono" type="text" spellcheck="false" placeholder='options, e.g. {"max_tokens": 8192}' value=${shown} onInput=${onInput} aria-label="Options (JSON)" />
    ${error ? html`<small class="error">not JSON yet</small>` : null}
  </span>`;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The chain at `path` (an array of `"name"` / `["name", {options}]`). */
export function TransformerChain({ ed, path, label }: { ed: Editor; path: KeyPath; label: string }): VNode {
  const known = useTransformerNames();
  const raw = getAt(ed.doc, path);
  const items = Array.isArray(raw) ? raw : [];
  const listId = `${fieldId(path)}-names`;
  const put = (next: Json[]) => ed.set(path, next.length === 0 ? undefined : next);
  const update = (i: number, name: string, options: Json | undefined) => put(items.map((it, j) => (j === i ? joinUseItem(name, options) : it)));
  const move = (i: number, by: number) => {
    const next = [...items];
    const [it] = next.splice(i, 1);
    if (it !== undefined) next.splice(i + by, 0, it);
    put(next);
  };
  return html`<fieldset class="chain">
    <legend>${label}</legend>
    <datalist id=${listId}>${known.map((n) => html`<option value=${n}></option>`)}</datalist>
    ${items.length === 0 ? html`<p class="muted">No transformers.</p>` : null}
    <ol>
      ${items.map((item, i) => {
        const { name, options } = splitUseItem(item);
        const id = `${fieldId(path)}-${i}`;
        return html`<li>
          <input id=${id} type="text" list=${listId} spellcheck="false" value=${name} aria-label="Transformer name"
            onInput=${(e: Event) => update(i, inputValue(e), options)} />
          <${OptionsInput} id=${`${id}-options`} options=${options} onChange=${(o: Json | undefined) => update(i, name, o)} />
          <button type="button" aria-label="Move up" disabled=${i === 0} onClick=${() => move(i, -1)}>↑</button>
          <button type="button" aria-label="Remove transformer" onClick=${() => put(items.filter((_, j) => j !== i))}>✕</button>
        </li>`;
      })}
    </ol>
    <button type="button" onClick=${() => put([...items, known[0] ?? "openai"])}>Add transformer</button>
    <${Problems} ed=${ed} path=${path} />
  </fieldset>`;
}
