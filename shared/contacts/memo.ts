/**
 * A bounded cache for pure string functions. Imported columns repeat values (organisation, city, country,
 * function) across thousands of rows; remembering the answer turns per-row rule work into a map lookup.
 * The cache is simply emptied when full: cheap, and the next rows refill it with what they repeat.
 */
export function memoised<R>(fn: (input: string) => R, limit = 20_000): (input: string) => R {
  const cache = new Map<string, R>();
  return (input: string): R => {
    const hit = cache.get(input);
    if (hit !== undefined || cache.has(input)) return hit as R;
    if (cache.size >= limit) cache.clear();
    const value = fn(input);
    cache.set(input, value);
    return value;
  };
}
