import { readdirSync, statSync, existsSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RuleSet, type Rule, type Value, type Finding, type ResourceGraph } from '@sigil/core';
import { lintFiles, loadConfig, scopeDeclarations, type InputFile } from '@sigil/cli';
import { assertParity } from './parity.js';
import { repoRoot } from './root.js';

/** One expected finding: everything a user sees, pinned. */
export interface ExpectedFinding {
  readonly messageId: string;
  readonly message: string;
  /** Relative to the fixture folder. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Other places the finding shows (where a resource uses a value written elsewhere). */
  readonly related?: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message: string }[];
}

export interface CaseOptions {
  /** Fixture folder, relative to `fixtures/<rule-name>/`. */
  readonly fixture: string;
  /** The date for date rules. */
  readonly now?: string;
  /** Rule parameters (options) over the defaults. */
  readonly parameters?: Readonly<Record<string, Value>>;
}

export interface InvalidCase extends CaseOptions {
  readonly errors: readonly ExpectedFinding[];
}

export type ValidCase = string | CaseOptions;

export interface RuleTests {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
  /**
   * The condition's field counts per array alias (lower case, without `[*]`) and its value counts.
   * Azure Policy refuses more than 5 field counts over one array and more than 10 value counts: the
   * numbers are pinned so a change that nears the limits shows in review.
   */
  readonly policyCounts?: { readonly field: Readonly<Record<string, number>>; readonly value: number };
}

const DEFAULT_NOW = '2026-06-01T00:00:00Z';

/**
 * The formats a fixture folder can hold, each linted on its own: the same case written in every
 * format must give the same findings (STYLE.md: same case, every format).
 */
export type FixtureFormat = 'arm' | 'bicep' | 'terraform' | 'plan' | 'what-if';

/** In the order that picks a folder's primary format: the one whose findings the table pins. */
export const FIXTURE_FORMATS: readonly FixtureFormat[] = ['arm', 'bicep', 'terraform', 'plan', 'what-if'];

/**
 * A case of a diff rule holds the files as they are before the change in a `base/` folder, linted
 * as `sigil lint --base` reads a git revision. Plan and what-if files carry their own before state.
 */
const BASE_FOLDER = 'base';

/** A case's configuration: only its `deployments:` are read. */
const FIXTURE_CONFIG = '.sigil.yaml';

export function fixtureFormatOf(path: string): FixtureFormat | undefined {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.bicep') || name.endsWith('.bicepparam')) return 'bicep';
  if (name === 'plan.json' || name.endsWith('.plan.json')) return 'plan';
  if (name === 'whatif.json' || name.endsWith('.whatif.json')) return 'what-if';
  if (name.endsWith('.tf.json') || name.endsWith('.tfvars.json')) return 'terraform';
  if (name.endsWith('.json') || name.endsWith('.jsonc')) return 'arm';
  return undefined;
}

/** Lints a fixture folder (the files of one format, or all) with one rule; returns findings and input errors. */
export function lintFixture(rule: Rule, dir: string, options: Omit<CaseOptions, 'fixture'> = {}, format?: FixtureFormat): { findings: Finding[]; inputErrors: string[]; graph: ResourceGraph } {
  const of = (folder: string): InputFile[] => listFiles(folder)
    .filter((path) => format === undefined || fixtureFormatOf(path) === format)
    .map((path) => ({ path, explicit: false }));
  const baseDir = join(dir, BASE_FOLDER);
  const baseFiles = existsSync(baseDir) ? of(baseDir) : [];
  const result = lintFiles(of(dir), {
    ...(baseFiles.length > 0 ? { base: { cwd: baseDir, files: baseFiles } } : {}),
    rules: [rule],
    now: new Date(options.now ?? DEFAULT_NOW),
    ...(options.parameters ? { ruleParameters: { [rule.code]: options.parameters } } : {}),
    ...fixtureScopes(rule, dir),
  });
  const inputErrors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.message}`);
  return { findings: result.findings, inputErrors, graph: result.graph };
}

/** A case's `.sigil.yaml` says where its templates are deployed (`deployments:`), as a user's does. */
function fixtureScopes(rule: Rule, dir: string): { scopes?: NonNullable<ReturnType<typeof scopeDeclarations>> } {
  const file = join(dir, FIXTURE_CONFIG);
  if (!existsSync(file)) return {};
  const scopes = scopeDeclarations(file, loadConfig(file, new RuleSet([{ rule }])).deployments);
  return scopes ? { scopes } : {};
}

/** The formats present in a fixture folder, primary first. */
function formatsIn(dir: string): FixtureFormat[] {
  const present = new Set(listFiles(dir).map(fixtureFormatOf));
  return FIXTURE_FORMATS.filter((f) => present.has(f));
}

/** The files of a case, without its `base/` folder. */
function listFiles(dir: string, top = true): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) {
      if (!(top && entry === BASE_FOLDER)) out.push(...listFiles(p, false));
    } else out.push(p);
  }
  return out;
}

function actual(f: Finding, dir: string): ExpectedFinding & { code: string } {
  return {
    code: f.code,
    messageId: f.messageId,
    message: f.message,
    file: relative(dir, f.file).split(sep).join('/'),
    line: f.span?.start.line ?? 0,
    column: f.span?.start.column ?? 0,
    endLine: f.span?.end.line ?? 0,
    endColumn: f.span?.end.column ?? 0,
    ...(f.related.length > 0
      ? {
          related: f.related.map((r) => ({
            file: relative(dir, r.file).split(sep).join('/'),
            line: r.span?.start.line ?? 0,
            column: r.span?.start.column ?? 0,
            message: r.message,
          })),
        }
      : {}),
  };
}

/**
 * Registers a uvu suite for a rule: each valid fixture yields no finding; each invalid fixture yields
 * exactly the expected findings (code, message id, message and range). The harness refuses duplicate
 * cases, messages that no case produces, and fixture folders that no case uses.
 */
export function testRule(rule: Rule, tests: RuleTests): void {
  const base = join(repoRoot(), 'fixtures', rule.name);
  const s = suite(`${rule.code} ${rule.name}`);
  const cases: (CaseOptions & { errors?: readonly ExpectedFinding[] })[] = [...tests.valid.map((v) => (typeof v === 'string' ? { fixture: v } : v)), ...tests.invalid];

  s('the table is well formed', () => {
    const names = cases.map((c) => c.fixture);
    const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
    assert.equal(duplicates, [], 'duplicate cases');
    const produced = new Set(tests.invalid.flatMap((c) => c.errors.map((e) => e.messageId)));
    const unused = Object.keys(rule.messages).filter((id) => !produced.has(id));
    assert.equal(unused, [], 'messages that no invalid case produces');
    for (const c of cases) assert.ok(existsSync(join(base, c.fixture)), `missing fixture folder fixtures/${rule.name}/${c.fixture}`);
    const orphans = fixtureFolders(base).filter((f) => !names.includes(f));
    assert.equal(orphans, [], `fixture folders that no case uses in fixtures/${rule.name}`);
    for (const c of tests.invalid) assert.ok(c.errors.length > 0, `invalid case ${c.fixture} expects no finding`);
  });

  for (const c of cases) {
    const dir = join(base, c.fixture);
    const expected = (c.errors ?? []).map((e) => ({ code: rule.code, ...e }));
    const [primary, ...others] = existsSync(dir) ? formatsIn(dir) : [];
    s(`${c.errors ? 'invalid' : 'valid'}: ${c.fixture}`, () => {
      assert.ok(primary, 'the folder holds a template');
      const { findings, inputErrors } = lintFixture(rule, dir, c, primary);
      assert.equal(inputErrors, [], 'input errors');
      assert.equal(findings.map((f) => actual(f, dir)), expected);
    });
    for (const format of others) {
      s(`${format} = ${primary}: ${c.fixture}`, () => {
        const mine = lintFixture(rule, dir, c, format);
        assert.equal(mine.inputErrors, [], 'input errors');
        assertParity(mine.findings, lintFixture(rule, dir, c, primary).findings, dir, format);
      });
    }
  }
  const expectedCounts = tests.policyCounts;
  if (expectedCounts) {
    s('Azure Policy limits: field and value counts', () => {
      const counts = rule.compiled?.counts;
      assert.equal({ field: Object.fromEntries(counts?.field ?? []), value: counts?.value }, expectedCounts);
      for (const [array, n] of Object.entries(expectedCounts.field)) assert.ok(n <= 5, `${n} field counts over ${array}`);
      assert.ok(expectedCounts.value <= 10, `${expectedCounts.value} value counts`);
    });
  }
  s.run();
}

/** Leaf folders under the rule's fixture folder (a case is a folder holding files). */
function fixtureFolders(base: string): string[] {
  if (!existsSync(base)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir);
    if (entries.some((e) => statSync(join(dir, e)).isFile())) {
      out.push(relative(base, dir).split(sep).join('/'));
      return;
    }
    for (const e of entries) walk(join(dir, e));
  };
  walk(base);
  return out.sort();
}
