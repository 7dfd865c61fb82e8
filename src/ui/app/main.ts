// The web UI's entry: key prompt, navigation between screens, and the save bar shared by the config screens.
import { html, render } from "htm/preact";
import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { onAuthRequired, storedKey, storeKey } from "./api.ts";
import { useEditor, type Editor } from "./editor.ts";
import { LogsView } from "./logs-view.ts";
import { ProvidersView } from "./providers-view.ts";
import { RequestsView } from "./requests-view.ts";
import { RouterView } from "./router-view.ts";
import { SettingsView } from "./settings-view.ts";
import { StatusView } from "./status-view.ts";
import { UsageView } from "./usage-view.ts";
import "./styles.css";

const SCREENS = [
  { id: "providers", label: "Providers", config: true },
  { id: "router", label: "Router", config: true },
  { id: "settings", label: "Settings", config: true },
  { id: "requests", label: "Requests", config: false },
  { id: "usage", label: "Usage", config: false },
  { id: "logs", label: "Logs", config: false },
  { id: "status", label: "Status", config: false },
] as const;

type ScreenId = (typeof SCREENS)[number]["id"];

function screenFromHash(): ScreenId {
  const name = location.hash.replace(/^#\/?/, "");
  return SCREENS.find((s) => s.id === name)?.id ?? "providers";
}

function Login({ onKey, problem }: { onKey: (key: string) => void; problem: string }): VNode {
  const [key, setKey] = useState("");
  const submit = (e: Event) => {
    e.preventDefault();
    if (key.trim() !== "") onKey(key.trim());
  };
  return html`<main class="login">
    <form onSubmit=${submit}>
      <h1>ccr</h1>
      <label for="login-key">This ccr needs its API key (APIKEY)</label>
      <input id="login-key" type="password" autocomplete="off" autofocus value=${key} onInput=${(e: Event) => setKey(e.currentTarget instanceof HTMLInputElement ? e.currentTarget.value : "")} />
      <small>Kept in this tab only (sessionStorage) and sent as x-api-key.</small>
      ${problem ? html`<p class="error" role="alert">${problem}</p>` : null}
      <button type="submit">Open</button>
    </form>
  </main>`;
}

function SaveBar({ ed }: { ed: Editor }): VNode {
  const dirty = ed.changes.length > 0;
  return html`<div class="savebar" aria-live="polite">
    <span>${dirty ? `${ed.changes.length} unsaved change${ed.changes.length === 1 ? "" : "s"}` : "No unsaved changes"}</span>
    ${ed.notice ? html`<span class="notice">${ed.notice}</span>` : null}
    <button type="button" disabled=${!dirty || ed.state === "saving"} onClick=${() => ed.discard()}>Discard</button>
    <button type="button" class="primary" title="Ctrl+S" disabled=${!dirty || ed.state === "saving"} onClick=${() => void ed.save()}>${ed.state === "saving" ? "Saving…" : "Save"}</button>
    ${ed.problems.length > 0
      ? html`<ul class="problems all" role="alert">${ed.problems.map((p) => html`<li><code>${p.path || "(config)"}</code> ${p.message}</li>`)}</ul>`
      : null}
  </div>`;
}

function Screen({ id, ed }: { id: ScreenId; ed: Editor }): VNode {
  if (id === "requests") return html`<${RequestsView} />`;
  if (id === "usage") return html`<${UsageView} />`;
  if (id === "logs") return html`<${LogsView} />`;
  if (id === "status") return html`<${StatusView} />`;
  if (ed.state !== "ready" && ed.state !== "saving") {
    return html`<p class=${ed.state === "loading" ? "muted" : "unavailable"}>${ed.state === "loading" ? "Loading the config…" : `The config is not available: ${ed.state}`}</p>`;
  }
  if (id === "router") return html`<${RouterView} ed=${ed} />`;
  if (id === "settings") return html`<${SettingsView} ed=${ed} />`;
  return html`<${ProvidersView} ed=${ed} />`;
}

function Shell(): VNode {
  const [screen, setScreen] = useState<ScreenId>(screenFromHash());
  const ed = useEditor();
  useEffect(() => {
    const onHash = () => setScreen(screenFromHash());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  const dirty = ed.changes.length > 0;
  useEffect(() => {
    // Ctrl/Cmd+S saves; leaving the page with unsaved changes asks first.
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s" && dirty) {
        e.preventDefault();
        void ed.save();
      }
    };
    const onLeave = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault();
    };
    addEventListener("keydown", onKey);
    addEventListener("beforeunload", onLeave);
    return () => {
      removeEventListener("keydown", onKey);
      removeEventListener("beforeunload", onLeave);
    };
  }, [dirty, ed.doc]);
  const current = SCREENS.find((s) => s.id === screen);
  return html`<header>
      <a class="brand" href="#/providers">ccr</a>
      <nav aria-label="Screens">
        ${SCREENS.map((s) => html`<a href=${`#/${s.id}`} aria-current=${s.id === screen ? "page" : undefined}>${s.label}</a>`)}
      </nav>
    </header>
    ${current?.config ? html`<${SaveBar} ed=${ed} />` : null}
    <main id="screen"><${Screen} id=${screen} ed=${ed} /></main>`;
}

function App(): VNode {
  const [needKey, setNeedKey] = useState(false);
  const [problem, setProblem] = useState("");
  const [session, setSession] = useState(0);
  useEffect(
    () =>
      onAuthRequired((message) => {
        // A stored key that the server refused is worth explaining; a first visit just asks.
        if (storedKey() !== null) setProblem(message);
        storeKey(null);
        setNeedKey(true);
      }),
    [],
  );
  if (needKey) {
    return html`<${Login} problem=${problem} onKey=${(key: string) => {
      storeKey(key);
      setNeedKey(false);
      setSession((n) => n + 1);
    }} />`;
  }
  return html`<${Shell} key=${session} />`;
}

const root = document.getElementById("app");
if (root !== null) {
  root.textContent = "";
  render(html`<${App} />`, root);
}
