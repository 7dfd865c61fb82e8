// Bundles the web UI's front end (src/ui/app) into one script and one stylesheet with Bun.build.
// scripts/build.ts runs it before compiling and embeds the result; from source the server runs it on first request.
import { join } from "node:path";

/** The UI's static files as text. */
export interface UiAssets {
  js: string;
  css: string;
}

const ENTRY = join(import.meta.dir, "app", "main.ts");

/** Bundles and minifies the front end; throws with Bun's messages when it does not build. */
export async function bundleUi(): Promise<UiAssets> {
  const result = await Bun.build({ entrypoints: [ENTRY], target: "browser", format: "esm", minify: true });
  if (!result.success) throw new Error(`bundling the web UI failed: ${result.logs.map(String).join("; ")}`);
  const js = result.outputs.find((o) => o.kind === "entry-point");
  const css = result.outputs.find((o) => o.path.endsWith(".css"));
  if (js === undefined) throw new Error("bundling the web UI produced no script");
  return { js: await js.text(), css: css === undefined ? "" : await css.text() };
}
