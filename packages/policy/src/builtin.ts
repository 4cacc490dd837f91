import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocsUrl, type Rule, type Value } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import { buildPolicyModel, type BuildResult } from './build.js';
import { LOCK_COMMENT_KEY, type LockEntry, type VersionLock } from './versions.js';

/** The committed version lock of the built-in rules (from dist/src/ to the package folder). */
export const LOCK_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'versions.json');

export function readLock(file = LOCK_FILE): VersionLock {
  const { [LOCK_COMMENT_KEY]: _comment, ...lock } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, LockEntry>;
  return lock;
}

/** The policy model of the built-in rules, grouped by their folder (`image-version/...`). */
export function builtinPolicyModel(
  options: { overrides?: Readonly<Record<string, Readonly<Record<string, Value>>>>; lock?: VersionLock; rules?: readonly Rule[] } = {},
): BuildResult {
  return buildPolicyModel(options.rules ?? builtinRules.all, {
    lock: options.lock ?? readLock(),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    groupOf: (rule) => (builtinRules.folder(rule.code) ?? 'custom').split('/')[0] as string,
    docsUrl: (rule) => {
      const folder = builtinRules.folder(rule.code);
      return folder ? ruleDocsUrl(folder) : undefined;
    },
  });
}

/** Writes the files under `dir`, creating folders as needed. */
export function writePolicyFiles(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [path, content] of files) {
    const target = join(dir, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
