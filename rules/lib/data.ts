import { readFileSync } from 'node:fs';

const cache = new Map<string, unknown>();

/**
 * A data file of `rules/data/` (derived from the shared reference by `npm run generate`, with its
 * origin in `_meta`). Read on first use and kept.
 */
export function ruleData<T>(name: string): T {
  let value = cache.get(name);
  if (value === undefined) {
    // From rules/dist/lib/data.js to rules/data/.
    value = JSON.parse(readFileSync(new URL(`../../data/${name}.json`, import.meta.url), 'utf8')) as unknown;
    cache.set(name, value);
  }
  return value as T;
}
