// Where calendar days begin for usage grouped by day: the offset of a time zone at a given instant, DST included,
// and the few spans of a time window over which that offset is constant.

/** Milliseconds to add to an instant (ms since the epoch) to read a wall clock in some zone at that instant. */
export type OffsetAt = (ms: number) => number;

/** The offset of the process's own time zone (what `ccr usage` calls local days). */
export const localOffset: OffsetAt = (ms) => -new Date(ms).getTimezoneOffset() * 60_000;

const FIXED = /^([+-])(\d{2}):?(\d{2})$/;

/** An IANA zone (`Europe/Berlin`), `UTC`/`Z`, or a fixed offset (`+05:30`, `-0800`); throws RangeError otherwise. */
export function zoneOffset(zone: string): OffsetAt {
  if (zone === "UTC" || zone === "Z") return () => 0;
  const fixed = FIXED.exec(zone);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
    if (minutes > 14 * 60) throw new RangeError(`offset out of range: ${zone}`);
    const offset = (fixed[1] === "-" ? -1 : 1) * minutes * 60_000;
    return () => offset;
  }
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  return (ms) => {
    const parts = format.formatToParts(ms);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
    return wall - Math.floor(ms / 1000) * 1000;
  };
}

/** A span starting at `from` (ms) over which the offset is `offset`, until the next span starts. */
export interface OffsetSpan {
  from: number;
  offset: number;
}

const DAY = 86_400_000;
/** Longest window scanned for offset changes (ten years of days); rows past it keep the last offset. */
const MAX_STEPS = 3660;

/** The spans of [since, until] with a constant offset, oldest first; offsets are found day by day (zones change at most a few times a year) and each change
 * pinned to the minute, so a DST switch inside the window moves day boundaries the way a wall clock does. */
export function offsetSpans(offsetAt: OffsetAt, since: number, until: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [{ from: since, offset: offsetAt(since) }];
  let at = since;
  for (let step = 0; step < MAX_STEPS && at < until; step++) {
    const next = Math.min(at + DAY, until);
    const last = spans[spans.length - 1]?.offset ?? 0;
    const offset = offsetAt(next);
    if (offset !== last) {
      let lo = at;
      let hi = next;
      while (hi - lo > 60_000) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid) === last) lo = mid;
        else hi = mid;
      }
      spans.push({ from: hi, offset });
    }
    at = next;
  }
  return spans;
}

/** The instant the day `daysBack` days before `now`'s day began, on the wall clock `offsetAt` reads
 * (0 = today's midnight); windows of whole days start here so the first day shown is not cut short. */
export function dayStart(offsetAt: OffsetAt, now: number, daysBack: number): number {
  const wallMidnight = Math.floor((now + offsetAt(now)) / DAY) * DAY - daysBack * DAY;
  // The offset at that midnight, not now's: a DST change in between moves midnight by the difference.
  return wallMidnight - offsetAt(wallMidnight - offsetAt(now));
}
