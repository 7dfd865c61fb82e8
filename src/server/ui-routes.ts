// Serves the embedded web UI at /ui: one HTML page, one script, one stylesheet, all from memory (no files, no CDN).
import { Elysia } from "elysia";
import { bundleUi, type UiAssets } from "../ui/bundle.ts";

// The empty icon keeps browsers from asking for /favicon.ico, which the proxy answers 401 when APIKEY is set.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>ccr</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/app.css">
<script type="module" src="/ui/app.js"></script>
</head>
<body><div id="app"><noscript>The ccr web UI needs JavaScript.</noscript></div></body>
</html>
`;

/** Same-origin only: no inline script, no third-party anything, no framing. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

let assets: Promise<UiAssets> | undefined;

/** The compiled binary carries the bundle; from source it is built once, on first use. */
export function uiAssets(): Promise<UiAssets> {
  if (typeof CCR_UI_ASSETS !== "undefined") return Promise.resolve(CCR_UI_ASSETS);
  assets ??= bundleUi().catch((err: unknown) => {
    assets = undefined;
    throw err;
  });
  return assets;
}

function send(body: string, type: string): Response {
  return new Response(body, { headers: { "content-type": type, ...SECURITY_HEADERS } });
}

/** `/ui` and `/ui/` (screens are `#/name` fragments), `/ui/app.js`, `/ui/app.css`. */
export function uiRoutes() {
  return new Elysia()
    .get("/ui", () => send(PAGE, "text/html; charset=utf-8"))
    .get("/ui/", () => send(PAGE, "text/html; charset=utf-8"))
    .get("/ui/app.js", async () => send((await uiAssets()).js, "text/javascript; charset=utf-8"))
    .get("/ui/app.css", async () => send((await uiAssets()).css, "text/css; charset=utf-8"));
}
