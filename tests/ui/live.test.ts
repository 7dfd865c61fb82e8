import { describe, expect, test } from "bun:test";
import { ApiError } from "../../src/ui/app/api.ts";
import { followWithRetry, retryDelay } from "../../src/ui/app/live.ts";

/** Runs followWithRetry over scripted connections; each script step opens then ends, fails, or opens and stays. */
async function run(steps: ("open-then-drop" | "refused" | "unreachable" | "unauthorized" | "not-found")[]) {
  const states: string[] = [];
  const waits: number[] = [];
  let reconnects = 0;
  let i = 0;
  let stop = false;
  await followWithRetry({
    connect: async (opened) => {
      const step = steps[i++];
      if (step === undefined) {
        stop = true;
        return;
      }
      if (step === "open-then-drop") return opened();
      if (step === "unreachable") throw new TypeError("Failed to fetch");
      if (step === "unauthorized") throw new ApiError(401, "Invalid API key");
      if (step === "not-found") throw new ApiError(404, "Not found");
      throw new Error("boom");
    },
    onState: (s) => states.push(s),
    onReconnect: () => reconnects++,
    sleep: async (ms) => void waits.push(ms),
    stopped: () => stop,
  });
  return { states, waits, reconnects };
}

describe("followWithRetry", () => {
  test("reports live only once the server accepted the stream, and reconnects after a restart", async () => {
    const r = await run(["open-then-drop", "unreachable", "unreachable", "open-then-drop"]);
    expect(r.states.slice(0, 3)).toEqual(["connecting", "live", "disconnected (the server closed the stream); retrying in 1 s"]);
    expect(r.states).toContain("disconnected (ccr is not reachable); retrying in 2 s");
    expect(r.states.filter((s) => s === "live")).toHaveLength(2);
    expect(r.states).toContain("reconnecting");
  });

  test("asks the screen to reload after a reconnect, not after the first connection", async () => {
    expect((await run(["open-then-drop"])).reconnects).toBe(0);
    expect((await run(["open-then-drop", "unreachable", "open-then-drop"])).reconnects).toBe(1);
  });

  test("starts the pauses over after a connection was accepted", async () => {
    const r = await run(["unreachable", "unreachable", "open-then-drop", "unreachable"]);
    expect(r.waits).toEqual([1000, 2000, 1000, 2000]);
  });

  test("stops for good when the server refuses the key or has no such stream", async () => {
    const refused = await run(["unauthorized", "open-then-drop"]);
    expect(refused.states.at(-1)).toBe("refused: Invalid API key");
    expect(refused.waits).toEqual([]);
    expect((await run(["not-found"])).states.at(-1)).toBe("not available on this server");
  });

  test("waits at most ten seconds between attempts", () => {
    expect([0, 1, 2, 3, 4, 9].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
