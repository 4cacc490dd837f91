import { createRequire } from 'node:module';
import type * as Jsonc from 'jsonc-parser';

let loaded: typeof Jsonc | undefined;

/**
 * jsonc-parser, loaded on first use: strict JSON is read with JSON.parse, so a run over clean files
 * never needs it, and loading it costs start-up time on every run.
 */
export function jsonc(): typeof Jsonc {
  loaded ??= createRequire(import.meta.url)('jsonc-parser') as typeof Jsonc;
  return loaded;
}
