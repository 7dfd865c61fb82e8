// Percentiles and number formatting for the benchmark report.

/** Percentile `p` (0–100) by linear interpolation between the closest ranks; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (rank - low);
}

/** p50, p95 and p99 of a sample set. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

/** A number with fixed decimals, or "–" when it is not a finite number. */
export function fmt(value: number | undefined, decimals = 2): string {
  return value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(decimals);
}

/** A signed difference, e.g. "+0.31". */
export function signed(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return "–";
  return `${value >= 0 ? "+" : ""}${value.toFixed(decimals)}`;
}
