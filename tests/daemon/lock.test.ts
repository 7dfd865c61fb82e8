import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockPath, withStartLock } from "../../src/daemon/lock.ts";

const homes: string[] = [];
const children: Bun.Subprocess[] = [];
function env(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), "ccr-lock-"));
  homes.push(home);
  return { CCR_HOME: home };
}
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

describe("withStartLock", () => {
  test("runs callers one after the other and removes the lock file", async () => {
    const e = env();
    const order: string[] = [];
    const job = (name: string) => async () => {
      order.push(`${name} in`);
      await Bun.sleep(20);
      order.push(`${name} out`);
      return name;
    };
    const results = await Promise.all([withStartLock(e, () => {}, job("a")), withStartLock(e, () => {}, job("b"))]);
    expect(results).toEqual(["a", "b"]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);
    expect(existsSync(lockPath(e))).toBe(false);
  });

  test("takes over a lock whose holder is dead", async () => {
    const e = env();
    writeFileSync(lockPath(e), "999999");
    const waited: number[] = [];
    expect(await withStartLock(e, (pid) => waited.push(pid), async () => "ran")).toBe("ran");
    expect(waited).toEqual([]);
  });

  test("waits for a live holder and says so", async () => {
    const e = env();
    const holder = Bun.spawn(["sleep", "30"], { stdio: ["ignore", "ignore", "ignore"] });
    children.push(holder);
    writeFileSync(lockPath(e), String(holder.pid));
    const waited: number[] = [];
    const run = withStartLock(e, (pid) => waited.push(pid), async () => "ran");
    await Bun.sleep(150);
    expect(waited).toEqual([holder.pid]);
    rmSync(lockPath(e));
    expect(await run).toBe("ran");
  });

  test("releases the lock when the job throws", async () => {
    const e = env();
    await expect(withStartLock(e, () => {}, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(lockPath(e))).toBe(false);
  });
});

describe("withStartLock with a lock being written", () => {
  test("waits for a fresh lock that has no PID in it yet instead of taking it over", async () => {
    const e = env();
    writeFileSync(lockPath(e), "");
    let ran = false;
    const run = withStartLock(e, () => {}, async () => {
      ran = true;
    });
    await Bun.sleep(200);
    expect(ran).toBe(false);
    rmSync(lockPath(e));
    await run;
    expect(ran).toBe(true);
  });
});
