// The whole config as JSON, for anything the forms do not cover; validated before it replaces the draft.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useState } from "preact/hooks";
import type { Json } from "./config-doc.ts";
import type { Editor } from "./editor.ts";
import { inputValue } from "./fields.ts";

/** Raw JSON editing with validation as a last resort. */
export function RawJson({ ed }: { ed: Editor }): VNode {
  const [text, setText] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState("");
  const shown = text ?? JSON.stringify(ed.doc, null, 2);
  const apply = async () => {
    let parsed: Json;
    try {
      // JSON.parse returns only JSON values.
      parsed = JSON.parse(shown) as Json;
    } catch (err) {
      setMessage(`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const problems = await ed.validate(parsed);
    ed.replace(parsed);
    setText(undefined);
    setMessage(problems.length === 0 ? "Valid; applied to the draft. Save to write it." : `Applied to the draft with ${problems.length} problem(s); fix them before saving.`);
  };
  return html`<section class="card" aria-label="Raw JSON">
    <h3>Raw JSON</h3>
    <p class="muted">Secrets stay masked; a masked value means "keep the stored one". CUSTOM_ROUTER_PATH, CLAUDE_PATH, REWRITE_SYSTEM_PROMPT and transformers can only be changed in the file itself.</p>
    <textarea id="raw-json" class="mono" rows="18" spellcheck="false" value=${shown} onInput=${(e: Event) => setText(inputValue(e))}></textarea>
    <div class="row">
      <button type="button" onClick=${apply} id="raw-apply">Validate and apply</button>
      <button type="button" disabled=${text === undefined} onClick=${() => (setText(undefined), setMessage(""))}>Reset</button>
      ${message ? html`<span role="status">${message}</span>` : null}
    </div>
  </section>`;
}
