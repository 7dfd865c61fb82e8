// Recursive merge of plain objects, used to add configured parameters to a wire body.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A new object: `extra` over `base`, objects merged key by key, anything else (arrays, scalars) replaced. */
export function deepMerge(base: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged = Object.entries(extra).map(([key, value]): [string, unknown] => {
    const current = Object.hasOwn(base, key) ? base[key] : undefined;
    return [key, isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value];
  });
  // fromEntries defines own properties, so a `__proto__` key cannot change the prototype.
  return Object.fromEntries([...Object.entries(base), ...merged]);
}
