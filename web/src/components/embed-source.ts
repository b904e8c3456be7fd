/**
 * Whether two MetricQuery values ask the same thing (the card's query, and the one the server
 * resolved from a saved view for an embed): absent, null and empty lists are the same, keys in
 * any order, filters and their values in any order. Pure.
 */
export function equivalentQueries(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x));
    // the order of filters, and of a filter's values, says nothing; groupBy's and metrics' does
    return key === 'filters' || key === 'values' ? items.map((x) => JSON.stringify(x)).sort() : items;
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x === null || x === undefined || (Array.isArray(x) && !x.length)) continue;
      out[k] = canonical(x, k);
    }
    return out;
  }
  return v;
}
