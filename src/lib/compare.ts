/** Orders strings by code point, as PostgreSQL's "C" collation and our slug tie-breaks do. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The items whose key no earlier item has, in order: two entries that name one record become one. */
export function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * JSON with object keys sorted, for comparing values: PostgreSQL's jsonb keeps its own key order,
 * which is not a file's.
 */
export const canonicalJson = (value: unknown) =>
  JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byCodePoint(a, b)))
      : v,
  );
