import { afterEach, describe, expect, test } from "bun:test";
import { RouterError } from "../../src/errors.ts";
import { endFeeds, MAX_FEEDS, openFeed, openFeedCount, type FeedSetup } from "../../src/server/live-feed.ts";

const HEADERS = { "content-type": "text/event-stream" };
const opened: Response[] = [];

afterEach(async () => {
  for (const res of opened.splice(0)) await res.body?.cancel().catch(() => {});
});

/** A feed whose `send` the test drives, and a count of how often its sources were stopped. */
function manual(maxQueuedBytes?: number, signal?: AbortSignal) {
  let send: (bytes: Uint8Array) => void = () => {};
  let stopped = 0;
  const setup: FeedSetup = (s) => {
    send = s;
    return () => stopped++;
  };
  const res = openFeed(setup, { headers: HEADERS, maxQueuedBytes, signal });
  opened.push(res);
  return { res, send: (bytes: Uint8Array) => send(bytes), stopped: () => stopped };
}

describe("openFeed", () => {
  test("ends every open feed on endFeeds, so a stopping server need not wait out its drain time", async () => {
    const a = manual();
    const b = manual();
    endFeeds();
    expect([a.stopped(), b.stopped()]).toEqual([1, 1]);
    expect(openFeedCount()).toBe(0);
    const read = await a.res.body?.getReader().read();
    expect(read?.done).toBe(true);
  });

  test("delivers what its source sends", async () => {
    const feed = manual();
    feed.send(new TextEncoder().encode("data: 1\n\n"));
    const reader = feed.res.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe("data: 1\n\n");
    await reader?.cancel();
    expect(feed.stopped()).toBe(1);
    expect(openFeedCount()).toBe(0);
  });

  test("cuts off a client that does not read once too much is queued, and stops the sources", async () => {
    const feed = manual(1000);
    for (let i = 0; i < 5; i++) feed.send(new Uint8Array(300));
    expect(feed.stopped()).toBe(1);
    expect(openFeedCount()).toBe(0);
    // Later sends are dropped, not queued.
    feed.send(new Uint8Array(300));
    expect(feed.stopped()).toBe(1);
    await expect(feed.res.text()).rejects.toThrow();
  });

  test("refuses more than MAX_FEEDS at once with 503, and frees a slot when a client leaves", async () => {
    const feeds = Array.from({ length: MAX_FEEDS }, () => manual());
    expect(openFeedCount()).toBe(MAX_FEEDS);
    let refused: unknown;
    try {
      manual();
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(RouterError);
    expect(refused instanceof RouterError ? refused.status : 0).toBe(503);
    await feeds[0]?.res.body?.cancel();
    expect(feeds[0]?.stopped()).toBe(1);
    expect(openFeedCount()).toBe(MAX_FEEDS - 1);
    expect(() => manual()).not.toThrow();
  });

  test("stops its sources when the client's request is aborted", () => {
    const abort = new AbortController();
    const feed = manual(undefined, abort.signal);
    abort.abort();
    expect(feed.stopped()).toBe(1);
    expect(openFeedCount()).toBe(0);
  });
});
