import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Finding } from '@sigil/core';
import { fingerprint, relativeToRoot } from './formatters/location.js';
import { UsageError } from './discover.js';

/**
 * A baseline: the findings a team accepts for now, by fingerprint, so that `--baseline` reports only
 * new ones. Fingerprints are computed from paths relative to the baseline file's folder, so the
 * baseline holds wherever sigil runs from. Messages are kept for the people who review the file.
 */
export interface Baseline {
  readonly sigil: 'baseline';
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly code: string;
  readonly file: string;
  readonly message: string;
}

/** Writes the findings that are not suppressed in the source as the baseline, sorted for stable diffs. */
export function writeBaseline(file: string, findings: readonly Finding[], cwd: string): number {
  const abs = resolve(cwd, file);
  const root = dirname(abs);
  const entries: BaselineEntry[] = findings
    .filter((f) => f.suppression?.kind !== 'inSource')
    .map((f) => ({ fingerprint: baselineFingerprint(f, cwd, root), code: f.code, file: relativeToRoot(resolve(cwd, f.file), root) ?? f.file, message: f.message }))
    .sort((a, b) => compare(a.file, b.file) || compare(a.code, b.code) || compare(a.fingerprint, b.fingerprint));
  const baseline: Baseline = { sigil: 'baseline', version: 1, findings: entries };
  try {
    writeFileSync(abs, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (e) {
    throw new UsageError(`cannot write the baseline ${file}: ${(e as Error).message}`);
  }
  return entries.length;
}

/**
 * Marks the findings the baseline holds as suppressed (`external`). A fingerprint recorded n times
 * covers n findings: a second copy of an accepted problem is new.
 */
export function applyBaseline(file: string, findings: readonly Finding[], cwd: string): Finding[] {
  const abs = resolve(cwd, file);
  const root = dirname(abs);
  const remaining = new Map<string, number>();
  for (const entry of readBaseline(abs, file).findings) remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + 1);
  return findings.map((f) => {
    if (f.suppression) return f;
    const fp = baselineFingerprint(f, cwd, root);
    const left = remaining.get(fp) ?? 0;
    if (left === 0) return f;
    remaining.set(fp, left - 1);
    return { ...f, suppression: { kind: 'external', justification: `accepted in the baseline ${file}`, file } };
  });
}

function readBaseline(abs: string, shown: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read the baseline ${shown}: ${(e as Error).message}`);
  }
  const b = data as Partial<Baseline> | null;
  if (b === null || typeof b !== 'object' || b.sigil !== 'baseline' || b.version !== 1 || !Array.isArray(b.findings) || !b.findings.every((e) => typeof e?.fingerprint === 'string')) {
    throw new UsageError(`${shown} is not a sigil baseline (write one with --write-baseline)`);
  }
  return b as Baseline;
}

function baselineFingerprint(f: Finding, cwd: string, root: string): string {
  return fingerprint({ ...f, file: resolve(cwd, f.file) }, root);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
