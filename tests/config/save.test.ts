import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load.ts";
import { backupName, saveConfig } from "../../src/config/save.ts";

let home = "";
let file = "";

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ccr-save-"));
  file = join(home, "config.json");
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("saveConfig", () => {
  test("names backups like CCR v1", () => {
    expect(backupName("/h/config.json", new Date("2025-12-04T20:49:00.332Z"))).toBe("/h/config.json.2025-12-04T20-49-00-332Z.bak");
  });

  test("copies the previous file to a backup before writing", async () => {
    await writeFile(file, '{ "PORT": 1111 }');
    const { backupPath } = await saveConfig(file, { PORT: 2222 }, { now: new Date("2026-01-02T03:04:05.006Z") });
    expect(backupPath).toBe(join(home, "config.json.2026-01-02T03-04-05-006Z.bak"));
    expect(await readFile(join(home, "config.json.2026-01-02T03-04-05-006Z.bak"), "utf8")).toBe('{ "PORT": 1111 }');
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ PORT: 2222 });
  });

  test("writes no backup when there was no file, and creates the directory", async () => {
    const nested = join(home, "fresh", "config.json");
    expect((await saveConfig(nested, { PORT: 1 })).backupPath).toBeUndefined();
    expect(await readdir(join(home, "fresh"))).toEqual(["config.json"]);
  });

  test("saves the raw document, so placeholders stay and resolved secrets never reach the disk", async () => {
    const doc = { Providers: [{ name: "a", api_base_url: "https://a.example/v1/chat/completions", api_key: "${A_KEY}", models: ["m"] }] };
    await writeFile(file, JSON.stringify(doc));
    const config = await loadConfig({ CCR_HOME: home, A_KEY: "sk-very-secret" });
    expect(config.providers.get("a")?.apiKey).toBe("sk-very-secret");
    await saveConfig(file, config.raw);
    const written = await readFile(file, "utf8");
    expect(written).toContain("${A_KEY}");
    expect(written).not.toContain("sk-very-secret");
    const reloaded = await loadConfig({ CCR_HOME: home, A_KEY: "sk-very-secret" });
    expect(reloaded.raw).toEqual(doc);
  });

  test("writes the file with mode 0600 and leaves no temporary files", async () => {
    await writeFile(file, "{}");
    await saveConfig(file, { PORT: 3 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const names = await readdir(home);
    expect(names.filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(names.filter((name) => name !== "config.json" && !name.endsWith(".bak"))).toEqual([]);
  });

  test("keeps only the newest three backups", async () => {
    await writeFile(file, "{}");
    for (let i = 1; i <= 5; i++) await saveConfig(file, { PORT: i }, { now: new Date(Date.UTC(2026, 0, i)) });
    const backups = (await readdir(home)).filter((name) => name.endsWith(".bak")).sort();
    expect(backups).toEqual([
      "config.json.2026-01-03T00-00-00-000Z.bak",
      "config.json.2026-01-04T00-00-00-000Z.bak",
      "config.json.2026-01-05T00-00-00-000Z.bak",
    ]);
    expect(JSON.parse(await readFile(join(home, "config.json.2026-01-05T00-00-00-000Z.bak"), "utf8"))).toEqual({ PORT: 4 });
  });
});
