// Logs screen: pick a log file, filter by level, and follow new lines live.
import { html } from "htm/preact";
import type { VNode } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { apiJson, errorText } from "./api.ts";
import { isObject } from "./config-doc.ts";
import { inputValue } from "./fields.ts";
import { useEventStream } from "./live.ts";
import { atLeast, LEVELS, parseLogLine, type LogLine } from "./log-lines.ts";
import { listOf } from "./request-rows.ts";

const MAX_LINES = 2000;

function fileNames(body: unknown): string[] {
  return listOf(body, "files").flatMap((f) => (isObject(f) && typeof f.name === "string" ? [f.name] : []));
}

/** The Logs screen. */
export function LogsView(): VNode {
  const [files, setFiles] = useState<string[] | undefined>(undefined);
  const [file, setFile] = useState("");
  const [level, setLevel] = useState("");
  const [follow, setFollow] = useState(true);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [error, setError] = useState("");
  const [loaded, setLoaded] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  // Following keeps the newest line in view unless the reader scrolled up to read an older one.
  const atEnd = useRef(true);
  useEffect(() => {
    apiJson("/api/logs").then(
      (body) => {
        const names = fileNames(body);
        setFiles(names);
        setFile((f) => f || (names[0] ?? ""));
        setError("");
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, [attempt]);
  useEffect(() => {
    // A failed load (ccr restarting, say) is tried again instead of leaving the screen empty until the next visit.
    if (error === "") return;
    const retry = setTimeout(() => {
      setAttempt((n) => n + 1);
      setReloads((n) => n + 1);
    }, 5000);
    return () => clearTimeout(retry);
  }, [error, attempt]);
  useEffect(() => {
    if (file === "") return;
    setLoaded(false);
    apiJson(`/api/logs/${encodeURIComponent(file)}?lines=500${level ? `&level=${level}` : ""}`).then(
      (body) => {
        setLines(listOf(body, "lines").map(parseLogLine));
        setLoaded(true);
        setError("");
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, [file, level, reloads]);
  const stream = `/api/logs/${encodeURIComponent(file)}/stream${level ? `?level=${level}` : ""}`;
  const state = useEventStream(
    follow && file !== "" && (loaded || reloads > 0) ? stream : undefined,
    (data) => {
      const line = parseLogLine(data);
      if (atLeast(line, level)) setLines((current) => [...current, line].slice(-MAX_LINES));
    },
    // Lines written while the stream was down (a restart) are only in the file: read it again.
    () => setReloads((n) => n + 1),
  );
  useEffect(() => {
    const el = box.current;
    // Scrolls the log box only, never the page around it.
    if (follow && atEnd.current && el) el.scrollTop = el.scrollHeight;
  }, [lines, follow]);
  const onScroll = (e: Event) => {
    const el = e.currentTarget;
    if (el instanceof HTMLElement) atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };
  const onFollow = (e: Event) => {
    const on = e.currentTarget instanceof HTMLInputElement && e.currentTarget.checked;
    setFollow(on);
    // Lines written while not following are only in the file; following starts again at the newest line.
    if (on) {
      atEnd.current = true;
      setReloads((n) => n + 1);
    }
  };
  if (error) return html`<p class="unavailable">Logs are not available: ${error}</p>`;
  if (files === undefined) return html`<p class="muted">Loading logs…</p>`;
  if (files.length === 0) return html`<p class="muted">No log files yet (set LOG to true in Settings to write the server log).</p>`;
  return html`<div class="logs">
    <div class="row">
      <h2>Logs</h2>
      <label for="log-file">File</label>
      <select id="log-file" value=${file} onChange=${(e: Event) => setFile(inputValue(e))}>${files.map((f) => html`<option value=${f}>${f}</option>`)}</select>
      <label for="log-level">Level</label>
      <select id="log-level" value=${level} onChange=${(e: Event) => setLevel(inputValue(e))}>
        <option value="">all</option>
        ${LEVELS.map((l) => html`<option value=${l}>${l} and above</option>`)}
      </select>
      <span class="check"><input id="log-follow" type="checkbox" checked=${follow} onChange=${onFollow} /><label for="log-follow">Follow</label></span>
      ${follow ? html`<span class=${`badge ${state === "live" ? "ok" : ""}`}>${state}</span>` : null}
    </div>
    <div class="log" role="log" aria-live="off" tabindex="0" id="log-lines" ref=${box} onScroll=${onScroll}>
      ${lines.length === 0 ? html`<p class="muted">No lines${level ? ` at ${level} or above` : ""}.</p>` : null}
      ${lines.map(
        (l) => html`<div class=${`line lvl-${l.level}`}><span class="t">${l.time.replace("T", " ").replace(/\.\d+Z$/, "")}</span> <span class="l">${l.level}</span> <span class="m">${l.message}</span> <span class="x">${l.extra}</span></div>`,
      )}
    </div>
  </div>`;
}
