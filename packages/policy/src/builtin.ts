import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocsUrl, type Rule, type RuleSeverity, type Value } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import { buildPolicyModel, type BuildResult } from './build.js';
import { LOCK_COMMENT_KEY, type LockEntry, type VersionLock } from './versions.js';

/** The committed version lock of the built-in rules (from dist/src/ to the package folder). */
export const LOCK_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'versions.json');

export function readLock(file = LOCK_FILE): VersionLock {
  const { [LOCK_COMMENT_KEY]: _comment, ...lock } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, LockEntry>;
  return lock;
}

/** A rule of the user's configuration (`customRules:`), with what its definition needs beyond the rule. */
export interface CustomPolicyRule {
  readonly rule: Rule;
  /** The definition's version, from the configuration (custom rules are not in sigil's lock). */
  readonly version: string;
  /** Where the rule is written (`.sigil.yaml:12:5`), named when its definition fails a check. */
  readonly source?: string;
}

/**
 * The policy model of the built-in rules, grouped by their folder (`image-version/...`), followed by
 * the custom rules (group `custom`, no docs URL). `severity` (by code) replaces rules' own severity.
 */
export function builtinPolicyModel(
  options: {
    overrides?: Readonly<Record<string, Readonly<Record<string, Value>>>>;
    lock?: VersionLock;
    rules?: readonly Rule[];
    severity?: Readonly<Record<string, RuleSeverity>>;
    custom?: readonly CustomPolicyRule[];
  } = {},
): BuildResult {
  const custom = new Map((options.custom ?? []).map((c) => [c.rule.code, c]));
  return buildPolicyModel([...(options.rules ?? builtinRules.all), ...[...custom.values()].map((c) => c.rule)], {
    lock: options.lock ?? readLock(),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.severity ? { severity: options.severity } : {}),
    groupOf: (rule) => (custom.has(rule.code) ? 'custom' : ((builtinRules.folder(rule.code) ?? 'custom').split('/')[0] as string)),
    docsUrl: (rule) => {
      const folder = custom.has(rule.code) ? undefined : builtinRules.folder(rule.code);
      return folder ? ruleDocsUrl(folder) : undefined;
    },
    versionOf: (rule) => custom.get(rule.code)?.version,
    sourceOf: (rule) => custom.get(rule.code)?.source,
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
