// Builds upstream URLs. CCR configs give the full endpoint (`.../chat/completions`); a bare API root is completed.

/** `base` as is when it already ends with `suffix`, else `base` + `suffix` (one slash between). */
export function endpoint(base: string, suffix: string): string {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith(suffix)) return url.toString();
  url.pathname = path + suffix;
  return url.toString();
}
