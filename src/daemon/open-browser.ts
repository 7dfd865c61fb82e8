// Opening a URL in the user's browser (xdg-open / open / start), detached so ccr can exit while the browser runs.
import type { Env } from "../config/paths.ts";

/** How long an opener gets to fail before it counts as having handed the URL to a browser. */
const SETTLE_MS = 1500;

/** True when a browser could show up in front of the user: a desktop session, not a bare SSH login. */
export function hasDisplay(env: Env, platform: NodeJS.Platform): boolean {
  const remote = Boolean(env.SSH_CONNECTION || env.SSH_TTY);
  if (platform === "darwin" || platform === "win32") return !remote;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** The argv that opens `url` on `platform`; `start` needs an empty window title before a quoted URL. */
export function browserCommand(url: string, platform: NodeJS.Platform): string[] {
  if (platform === "darwin") return ["open", url];
  if (platform === "win32") return ["cmd", "/c", "start", "", url];
  return ["xdg-open", url];
}

/** Starts the opener detached; false when there is no display, no opener, or it fails within a moment. */
export async function openBrowser(url: string, env: Env, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (!hasDisplay(env, platform)) return false;
  const [name, ...rest] = browserCommand(url, platform);
  const opener = name === undefined ? null : Bun.which(name, { PATH: env.PATH ?? env.Path ?? "" });
  if (opener === null) return false;
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) clean[key] = value;
  let child: ReturnType<typeof Bun.spawn>;
  try {
    child = Bun.spawn([opener, ...rest], { env: clean, stdio: ["ignore", "ignore", "ignore"], detached: true });
  } catch (err) {
    // Not executable or vanished since the PATH lookup: the caller prints the URL instead.
    if (err instanceof Error) return false;
    throw err;
  }
  const code = await Promise.race([child.exited, Bun.sleep(SETTLE_MS).then(() => undefined)]);
  child.unref();
  return code === undefined || code === 0;
}
