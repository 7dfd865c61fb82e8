// Imports a user's script (custom router or transformer) with a time limit: a module whose top-level await never
// settles must not hang `ccr start`, `ccr serve` or a reload.

/** How long a user's script may take to load. */
export const SCRIPT_IMPORT_LIMIT_MS = 10_000;

/** Imports `file` afresh when its mtime changed (Bun keys its module cache on the specifier; a query busts it). */
export async function importScript(file: string, mtimeMs: number, limitMs = SCRIPT_IMPORT_LIMIT_MS): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not finish loading within ${limitMs / 1000} s (a top-level await that never settles?)`)), limitMs);
  });
  try {
    return await Promise.race([import(`${file}?v=${mtimeMs}`), limit]);
  } finally {
    clearTimeout(timer);
  }
}
