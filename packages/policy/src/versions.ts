import type { PolicyParameter } from './model.js';

/**
 * The version lock (`packages/policy/versions.json`, committed): per rule code, the content hash of
 * the definition it was built from and the version that hash has. `npm run generate` updates it;
 * `npm run generate -- --check` and the policy tests fail while it is out of date, so a changed
 * condition cannot ship under its old version.
 */
export interface VersionLock {
  readonly [code: string]: LockEntry;
}

export interface LockEntry {
  readonly version: string;
  readonly hash: string;
  /** Parameter name -> type: removing a parameter or changing its type breaks assignments (major). */
  readonly parameters: Readonly<Record<string, string>>;
}

export const FIRST_VERSION = '1.0.0';

/**
 * The next lock entry for a definition. Unchanged hash: the same entry. Otherwise a parameter
 * removed or retyped is a major change (existing assignments must be redone); anything else
 * (condition, defaults, allowed values, a new parameter with a default) is a minor one.
 */
export function nextEntry(previous: LockEntry | undefined, hash: string, parameters: Readonly<Record<string, PolicyParameter>>): LockEntry {
  const types = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, v.type]));
  if (!previous) return { version: FIRST_VERSION, hash, parameters: types };
  if (previous.hash === hash) return previous;
  // Azure reads parameter types case-insensitively: only another type breaks assignments.
  const breaking = Object.entries(previous.parameters).some(([k, t]) => types[k]?.toLowerCase() !== t.toLowerCase());
  return { version: bump(previous.version, breaking ? 'major' : 'minor'), hash, parameters: types };
}

export function bump(version: string, part: 'major' | 'minor'): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`not a semver version: ${version}`);
  return part === 'major' ? `${Number(m[1]) + 1}.0.0` : `${m[1]}.${Number(m[2]) + 1}.0`;
}
