import type { Value } from '@sigil/core';

/**
 * Why diff rules have no Azure Policy definition: a policy evaluates the requested state of a
 * resource only; it cannot see the state before the request. Azure itself refuses these changes.
 */
export const DIFF_RULE_POLICY = {
  reason: 'Azure Policy evaluates the requested resource only and cannot see its state before the change; Azure itself refuses the change at deployment',
} as const;

/** Up to three names, quoted, then how many more: `"a", "b", "c" and 2 more`. */
export function nameList(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => `"${n}"`).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** A value as a message shows it inside a sentence: strings quoted, others as JSON. */
export function quoted(v: Value): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}
