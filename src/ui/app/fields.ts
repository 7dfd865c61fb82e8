// Form fields bound to a key path of the config draft; each shows the validation problems at its path.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useState } from "preact/hooks";
import { getAt, isMasked, isVariableReference, pathString, problemsAt, type Json, type KeyPath } from "./config-doc.ts";
import type { Editor } from "./editor.ts";
import { parseNumberInput } from "./format.ts";

interface FieldProps {
  ed: Editor;
  path: KeyPath;
  label: string;
  hint?: string;
}

/** Input ids from key paths, so labels point at their inputs and tests can find them. */
export function fieldId(path: KeyPath): string {
  return `f-${pathString(path).replace(/[^A-Za-z0-9_-]+/g, "-").replace(/-+$/, "")}`;
}

/** The problems at a path, rendered next to its field. */
export function Problems({ ed, path }: { ed: Editor; path: KeyPath }): VNode | null {
  const found = problemsAt(ed.problems, path);
  if (found.length === 0) return null;
  return html`<ul class="problems" role="alert">${found.map((p) => html`<li><code>${p.path}</code> ${p.message}</li>`)}</ul>`;
}

function text(value: Json | undefined): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : String(value);
}

/** A text field; empty removes the key. */
export function TextField({ ed, path, label, hint, placeholder }: FieldProps & { placeholder?: string }): VNode {
  const id = fieldId(path);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} type="text" spellcheck="false" autocomplete="off" placeholder=${placeholder ?? ""} value=${text(getAt(ed.doc, path))}
      onInput=${(e: Event) => ed.set(path, inputValue(e) === "" ? undefined : inputValue(e))} />
    ${hint ? html`<small>${hint}</small>` : null}
    <${Problems} ed=${ed} path=${path} />
  </div>`;
}

/** A secret: the masked value stays as sent (meaning unchanged); a new value is typed hidden; `$VAR` shows as written. */
export function SecretField({ ed, path, label, hint }: FieldProps): VNode {
  const id = fieldId(path);
  const value = text(getAt(ed.doc, path));
  const plain = value === "" || isMasked(value) || isVariableReference(value);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} type=${plain ? "text" : "password"} spellcheck="false" autocomplete="off" value=${value}
      placeholder="key or $ENV_VAR" onInput=${(e: Event) => ed.set(path, inputValue(e))} />
    <small>${isMasked(value) ? "Stored key (masked); leave as is to keep it, or type a new one. " : ""}${hint ?? "A $VAR reference keeps the key in the environment."}</small>
    <${Problems} ed=${ed} path=${path} />
  </div>`;
}

/** A number field; text that is not a number is kept so validation names the problem. */
export function NumberField({ ed, path, label, hint, placeholder }: FieldProps & { placeholder?: string }): VNode {
  const id = fieldId(path);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} type="text" inputmode="numeric" placeholder=${placeholder ?? ""} value=${text(getAt(ed.doc, path))}
      onInput=${(e: Event) => ed.set(path, parseNumberInput(inputValue(e)))} />
    ${hint ? html`<small>${hint}</small>` : null}
    <${Problems} ed=${ed} path=${path} />
  </div>`;
}

/** A yes/no switch. */
export function CheckField({ ed, path, label, hint }: FieldProps): VNode {
  const id = fieldId(path);
  const value = getAt(ed.doc, path);
  return html`<div class="field check">
    <input id=${id} type="checkbox" checked=${value === true || value === "true"} onChange=${(e: Event) => ed.set(path, inputChecked(e))} />
    <label for=${id}>${label}</label>
    ${hint ? html`<small>${hint}</small>` : null}
    <${Problems} ed=${ed} path=${path} />
  </div>`;
}

/** A choice among fixed options; the empty option removes the key. A value not among the options is shown flagged. */
export function SelectField({ ed, path, label, options, hint, none }: FieldProps & { options: readonly string[]; none?: string }): VNode {
  const id = fieldId(path);
  const value = text(getAt(ed.doc, path));
  const unknown = value !== "" && !options.includes(value);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} value=${value} title=${value} onChange=${(e: Event) => ed.set(path, inputValue(e) === "" ? undefined : inputValue(e))}>
      <option value="">${none ?? "(not set)"}</option>
      ${unknown ? html`<option value=${value}>${value} (not configured)</option>` : null}
      ${options.map((o) => html`<option value=${o}>${o}</option>`)}
    </select>
    ${hint ? html`<small>${hint}</small>` : null}
    <${Problems} ed=${ed} path=${path} />
  </div>`;
}

/** A JSON value edited as text; applied to the draft only once it parses. */
export function JsonField({ ed, path, label, hint, rows }: FieldProps & { rows?: number }): VNode {
  const id = fieldId(path);
  const current = getAt(ed.doc, path);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [error, setError] = useState("");
  const shown = draft ?? (current === undefined ? "" : JSON.stringify(current, null, 2));
  const onInput = (e: Event) => {
    const t = inputValue(e);
    setDraft(t);
    if (t.trim() === "") return (ed.set(path, undefined), setError(""));
    try {
      ed.set(path, JSON.parse(t));
      setError("");
    } catch (err) {
      setError(`Not JSON yet: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <textarea id=${id} rows=${rows ?? 4} spellcheck="false" class="mono" value=${shown} onInput=${onInput} onBlur=${() => error === "" && setDraft(undefined)}></textarea>
    ${error ? html`<small class="error">${error}</small>` : hint ? html`<small>${hint}</small>` : null}
    <${Problems} ed=${ed} path=${path} />
  </div>`;
}

/** A key that names a file or program ccr runs: shown, but only editable in config.json itself (the server refuses it). */
export function LockedField({ ed, path, label, hint }: FieldProps): VNode {
  const value = getAt(ed.doc, path);
  const shown = value === undefined ? "(not set)" : typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return html`<div class="field locked">
    <span class="label">${label}</span>
    <pre class="mono" id=${fieldId(path)}>${shown}</pre>
    <small>${hint ? `${hint} ` : ""}ccr loads or runs what this names, so it can only be changed by editing config.json itself.</small>
    <${Problems} ed=${ed} path=${path} />
  </div>`;
}

/** The text of an input/select/textarea event target. */
export function inputValue(e: Event): string {
  const t = e.currentTarget;
  return t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement ? t.value : "";
}

function inputChecked(e: Event): boolean {
  const t = e.currentTarget;
  return t instanceof HTMLInputElement && t.checked;
}
