// Router screen: a route per scenario picked from the configured routes, fallbacks per slot, the custom router script.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { getAt, isObject, routeChoices, type KeyPath } from "./config-doc.ts";
import type { Editor } from "./editor.ts";
import { fieldId, inputValue, LockedField, NumberField, Problems, SelectField } from "./fields.ts";

const SLOTS = [
  { slot: "default", label: "Default", hint: "Everything no other rule claims." },
  { slot: "background", label: "Background", hint: "Small background tasks (Haiku-class requests)." },
  { slot: "think", label: "Think", hint: "Requests with thinking enabled / plan mode." },
  { slot: "longContext", label: "Long context", hint: "Requests above the token threshold below." },
  { slot: "webSearch", label: "Web search", hint: "Requests that carry the web_search tool." },
  { slot: "image", label: "Image", hint: "Requests that carry images: route them to a model that can see." },
] as const;

/** `Router.fallback` when the document uses it, else the top-level `fallback` (both mean the same). */
function fallbackBase(ed: Editor): KeyPath {
  return isObject(getAt(ed.doc, ["Router", "fallback"])) ? ["Router", "fallback"] : ["fallback"];
}

function Fallbacks({ ed, slot, choices }: { ed: Editor; slot: string; choices: string[] }): VNode {
  const path = [...fallbackBase(ed), slot];
  const raw = getAt(ed.doc, path);
  const list = Array.isArray(raw) ? raw.map((r) => (typeof r === "string" ? r : "")) : [];
  const put = (next: string[]) => ed.set(path, next.length === 0 ? undefined : next);
  return html`<div class="fallbacks">
    <span class="label">Fallbacks, in order</span>
    <ol>
      ${list.map(
        (route, i) => html`<li>
          <select id=${`${fieldId(path)}-${i}`} aria-label=${`Fallback ${i + 1} for ${slot}`} title=${route} value=${route} onChange=${(e: Event) => put(list.map((r, j) => (j === i ? inputValue(e) : r)))}>
            ${route !== "" && !choices.includes(route) ? html`<option value=${route}>${route} (not configured)</option>` : null}
            ${choices.map((c) => html`<option value=${c}>${c}</option>`)}
          </select>
          <button type="button" aria-label="Remove fallback" onClick=${() => put(list.filter((_, j) => j !== i))}>✕</button>
        </li>`,
      )}
    </ol>
    <button type="button" disabled=${choices.length === 0} onClick=${() => put([...list, choices[0] ?? ""])}>Add fallback</button>
    <${Problems} ed=${ed} path=${path} />
  </div>`;
}

/** The Router screen. */
export function RouterView({ ed }: { ed: Editor }): VNode {
  const choices = routeChoices(ed.doc);
  return html`<div class="router">
    <h2>Router</h2>
    ${choices.length === 0 ? html`<p class="unavailable">No routes yet: add a provider with at least one model first.</p>` : null}
    <div class="slots">
      ${SLOTS.map(
        (s) => html`<section class="slot" aria-label=${s.label}>
          <${SelectField} ed=${ed} path=${["Router", s.slot]} label=${s.label} options=${choices} hint=${s.hint} none=${s.slot === "default" ? "(not set)" : "(use default)"} />
          ${s.slot === "longContext" ? html`<${NumberField} ed=${ed} path=${["Router", "longContextThreshold"]} label="Long-context threshold (tokens)" placeholder="60000" />` : null}
          <${Fallbacks} ed=${ed} slot=${s.slot} choices=${choices} />
        </section>`,
      )}
    </div>
    <${LockedField} ed=${ed} path=${["CUSTOM_ROUTER_PATH"]} label="Custom router script" hint="A JavaScript module whose function picks a route first; the slots above apply when it returns nothing." />
  </div>`;
}
