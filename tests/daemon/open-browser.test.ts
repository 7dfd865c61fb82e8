import { afterEach, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { browserCommand, hasDisplay, openBrowser } from "../../src/daemon/open-browser.ts";

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A directory holding a stub `xdg-open` that writes its arguments to `args.txt` and exits with `code`. */
function stubOpener(code: number): { bin: string; record: string } {
  const bin = mkdtempSync(join(tmpdir(), "ccr-opener-"));
  dirs.push(bin);
  const record = join(bin, "args.txt");
  writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nexit ${code}\n`);
  chmodSync(join(bin, "xdg-open"), 0o755);
  return { bin, record };
}

describe("browserCommand", () => {
  test("uses open on macOS, start with an empty title on Windows and xdg-open elsewhere", () => {
    expect(browserCommand("http://x/ui/", "darwin")).toEqual(["open", "http://x/ui/"]);
    expect(browserCommand("http://x/ui/", "win32")).toEqual(["cmd", "/c", "start", "", "http://x/ui/"]);
    expect(browserCommand("http://x/ui/", "linux")).toEqual(["xdg-open", "http://x/ui/"]);
  });
});

describe("hasDisplay", () => {
  test("needs DISPLAY or WAYLAND_DISPLAY on Linux", () => {
    expect(hasDisplay({}, "linux")).toBe(false);
    expect(hasDisplay({ DISPLAY: ":0" }, "linux")).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: "wayland-0" }, "linux")).toBe(true);
  });

  test("counts an SSH login on macOS as having no display", () => {
    expect(hasDisplay({}, "darwin")).toBe(true);
    expect(hasDisplay({ SSH_CONNECTION: "10.0.0.1 50000 10.0.0.2 22" }, "darwin")).toBe(false);
  });
});

describe("openBrowser", () => {
  test("hands the URL to xdg-open when there is a display", async () => {
    const { bin, record } = stubOpener(0);
    expect(await openBrowser("http://127.0.0.1:1/ui/", { PATH: bin, DISPLAY: ":0" }, "linux")).toBe(true);
    for (let i = 0; i < 50 && !existsSync(record); i++) await Bun.sleep(20);
    expect(readFileSync(record, "utf8")).toBe("http://127.0.0.1:1/ui/\n");
  });

  test("reports failure when the opener exits with an error", async () => {
    const { bin } = stubOpener(3);
    expect(await openBrowser("http://127.0.0.1:1/ui/", { PATH: bin, DISPLAY: ":0" }, "linux")).toBe(false);
  });

  test("does not try without a display", async () => {
    const { bin, record } = stubOpener(0);
    expect(await openBrowser("http://127.0.0.1:1/ui/", { PATH: bin }, "linux")).toBe(false);
    await Bun.sleep(50);
    expect(existsSync(record)).toBe(false);
  });

  test("reports failure when no opener is installed", async () => {
    const empty = mkdtempSync(join(tmpdir(), "ccr-opener-"));
    dirs.push(empty);
    expect(await openBrowser("http://127.0.0.1:1/ui/", { PATH: empty, DISPLAY: ":0" }, "linux")).toBe(false);
  });
});
