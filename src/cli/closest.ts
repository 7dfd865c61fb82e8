// "Did you mean" suggestions for mistyped commands and flags.

/** Edit distance where swapping two neighbouring characters costs 1 (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The candidate nearest to `input`, or undefined when none is close enough to be a plausible typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const letters = (word: string) => word.replace(/^-+/, "").length;
  const allowed = Math.max(2, Math.floor(letters(best) / 3));
  // Changing half of a short word is no typo any more ("bogus" is not "logs").
  const plausible = bestDistance === 0 || bestDistance * 2 < Math.min(letters(input), letters(best));
  return bestDistance <= allowed && plausible ? best : undefined;
}

/** `, did you mean "serve"?` when a candidate is close, else the empty string. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const match = closest(input, candidates);
  return match === undefined ? "" : `, did you mean "${match}"?`;
}
