import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type * as Yaml from 'yaml';
import { RuleSet, type Rule, type RuleParameter, type RuleSeverity, type Value } from '@sigil/core';
import { readCustomRules, type CustomRuleDeclaration } from './custom-rules.js';
import { readDeployments, type DeploymentDeclaration } from './deployments.js';

// Loaded when a configuration file exists: most runs have none, and loading yaml is a tenth of start-up.
const requireCjs = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlModule ??= requireCjs('yaml') as typeof Yaml);

/**
 * The user's `.sigil.yaml`: data that replaces sigil's own (regions...), rules on or off with their
 * severity and options, rules of the team's own, which files are linted and what fails the run.
 */
export interface SigilConfig {
  /** Where it was read from; undefined when there is none. */
  readonly file: string | undefined;
  /** Data sets by name (`regions`, `zrsRegions`...), replacing the rules' defaults. */
  readonly data: Readonly<Record<string, Value>>;
  /** Rule options by rule code. */
  readonly rules: Readonly<Record<string, Readonly<Record<string, Value>>>>;
  /** Severity by rule code, replacing the rule's own. */
  readonly severity: Readonly<Record<string, RuleSeverity>>;
  /** Codes of the rules turned off. */
  readonly off: readonly string[];
  /** Rules written by the user (`customRules:`), with a code outside sigil's `SIG` prefix. */
  readonly customRules: readonly Rule[];
  /** Where each custom rule is written and its policy definition version, by code. */
  readonly customRuleDeclarations: Readonly<Record<string, CustomRuleDeclaration>>;
  /** Globs relative to the configuration's folder: only matching files are linted (all when empty). */
  readonly include: readonly string[];
  /** Globs relative to the configuration's folder: matching files are never linted. */
  readonly exclude: readonly string[];
  /** The lowest severity that fails the run (`--fail-on` wins). */
  readonly failOn: RuleSeverity | undefined;
  /** Where templates are deployed (`deployments:`): their ids then link to resources declared elsewhere. */
  readonly deployments: readonly DeploymentDeclaration[];
}

export const CONFIG_FILES = ['.sigil.yaml', '.sigil.yml'];
export const TOP_LEVEL_KEYS = ['failOn', 'files', 'deployments', 'data', 'rules', 'customRules'];
export const RULE_SETTINGS = ['off', 'error', 'warning', 'note'] as const;
const SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'note'];
/** Aliases resolved per value: enough to share lists, too few to expand a file exponentially. */
const MAX_ALIASES = 100;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/** The deepest folder that holds every path (a file counts as its folder); the working directory when none. */
export function commonFolder(paths: readonly string[], cwd: string): string {
  const folders = (paths.length > 0 ? paths : ['.']).map((p) => {
    const abs = resolve(cwd, p);
    return existsSync(abs) && statSync(abs).isFile() ? dirname(abs) : abs;
  });
  let common = folders[0] as string;
  for (const folder of folders.slice(1)) {
    while (!(folder === common || folder.startsWith(common.endsWith(sep) ? common : common + sep))) common = dirname(common);
  }
  return common;
}

/** The nearest `.sigil.yaml` (or `.sigil.yml`) in `dir` or a parent directory. */
export function findConfig(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    for (const name of CONFIG_FILES) {
      const candidate = join(current, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(current) === current) return undefined;
  }
}

/** A YAML file being read: its parsed document, and errors located at a node's line and column. */
export class YamlFile {
  readonly doc: Yaml.Document.Parsed;
  private readonly lines: Yaml.LineCounter;

  constructor(
    readonly file: string,
    what = 'the configuration',
  ) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(file, 1, 1, `cannot read ${what}: ${(e as Error).message}`);
    }
    this.lines = new (yaml().LineCounter)();
    this.doc = yaml().parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const firstError = this.doc.errors[0];
    if (firstError) {
      const pos = firstError.linePos?.[0] ?? { line: 1, col: 1 };
      throw new ConfigError(file, pos.line, pos.col, `invalid YAML: ${firstError.message.split('\n')[0]}`);
    }
  }

  fail(node: YamlNode | Pair | null | undefined, message: string): never {
    const { line, column } = this.position(node);
    throw new ConfigError(this.file, line, column, message);
  }

  /** Where a node (or a pair's key) starts; the file's start when it has no place. */
  position(node: YamlNode | Pair | null | undefined): { line: number; column: number } {
    const offset = node && 'range' in node && node.range ? node.range[0] : node && 'key' in node && (node.key as YamlNode | null)?.range ? ((node.key as YamlNode).range as [number, number, number])[0] : 0;
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  /** The pairs of a mapping, failing with `what must be a mapping` otherwise. */
  pairs(node: unknown, what: string, at?: YamlNode | Pair | null): Pair[] {
    if (!yaml().isMap(node)) this.fail((node as YamlNode | null) ?? at, `${what} must be a mapping`);
    return (node as YAMLMap).items as Pair[];
  }

  /**
   * The value of a node as JSON, anchors and aliases resolved; an alias count that would make it grow
   * without bound (a "billion laughs" file) is an error at the node.
   */
  value(node: unknown): Value {
    if (node === null || node === undefined) return null;
    try {
      return ((node as YamlNode).toJS(this.doc, { maxAliasCount: MAX_ALIASES }) ?? null) as Value;
    } catch (e) {
      return this.fail(node as YamlNode, `cannot read this value: ${(e as Error).message}`);
    }
  }

  key(pair: Pair): string {
    const key = pair.key as YamlNode | null;
    if (!yaml().isScalar(key) || typeof key.value !== 'string') this.fail(pair, 'keys must be strings');
    return (key as { value: string }).value;
  }

  /** A list of strings (globs...). */
  strings(node: unknown, what: string, at: Pair): string[] {
    if (!yaml().isSeq(node)) this.fail((node as YamlNode | null) ?? at, `${what} must be a list of strings`);
    return (node as Yaml.YAMLSeq).items.map((item) => {
      if (!yaml().isScalar(item) || typeof item.value !== 'string') this.fail(item as YamlNode, `${what} must be a list of strings`);
      return (item as { value: string }).value;
    });
  }
}

export function yamlLib(): typeof Yaml {
  return yaml();
}

/**
 * Reads and checks a config file against the rule set: every data set, rule and option must be one
 * sigil (or a custom rule) declares, with a value of its type. Errors name the YAML line and column.
 */
export function loadConfig(file: string, builtin: RuleSet): SigilConfig {
  const y = new YamlFile(file);
  const data: Record<string, Value> = {};
  const options: Record<string, Record<string, Value>> = {};
  const severity: Record<string, RuleSeverity> = {};
  const off: string[] = [];
  const include: string[] = [];
  const exclude: string[] = [];
  let failOn: RuleSeverity | undefined;
  let deployments: DeploymentDeclaration[] = [];
  let customRules: Rule[] = [];
  let customRuleDeclarations: Record<string, CustomRuleDeclaration> = {};
  const root = y.doc.contents;
  const empty = { file, data, rules: options, severity, off, customRules, customRuleDeclarations, include, exclude, failOn, deployments };
  if (root === null || (yaml().isScalar(root) && root.value === null)) return empty;
  if (!yaml().isMap(root)) y.fail(root, 'the configuration must be a mapping (data:, rules:...)');
  const top = (root as YAMLMap).items as Pair[];
  for (const pair of top) {
    const key = y.key(pair);
    if (!TOP_LEVEL_KEYS.includes(key)) y.fail(pair, `unknown key "${key}" (expected ${TOP_LEVEL_KEYS.join(', ')})`);
  }
  const section = (name: string) => top.find((p) => y.key(p) === name);
  // Custom rules first: `rules:` may set their severity.
  const custom = section('customRules');
  if (custom) ({ rules: customRules, declarations: customRuleDeclarations } = readCustomRules(y, custom, builtin));
  const rules = new RuleSet([...builtin.all.map((rule) => ({ rule })), ...customRules.map((rule) => ({ rule }))]);

  const failOnPair = section('failOn');
  if (failOnPair) {
    const v = y.value(failOnPair.value);
    if (typeof v !== 'string' || !SEVERITIES.includes(v as RuleSeverity)) y.fail(failOnPair.value as YamlNode, `failOn must be one of ${SEVERITIES.join(', ')}`);
    failOn = v as RuleSeverity;
  }
  const files = section('files');
  if (files) {
    for (const item of y.pairs(files.value, '"files"', files)) {
      const name = y.key(item);
      if (name === 'include') include.push(...y.strings(item.value, 'files.include', item));
      else if (name === 'exclude') exclude.push(...y.strings(item.value, 'files.exclude', item));
      else y.fail(item, `unknown key "${name}" in files (expected include, exclude)`);
    }
  }
  const deploymentsPair = section('deployments');
  if (deploymentsPair) deployments = readDeployments(y, deploymentsPair);
  const dataPair = section('data');
  if (dataPair) {
    const dataSets = dataSetsOf(rules);
    for (const item of y.pairs(dataPair.value, '"data"', dataPair)) {
      const name = y.key(item);
      const value = y.value(item.value);
      const parameter = dataSets.get(name);
      if (!parameter) y.fail(item, `unknown data set "${name}" (known: ${[...dataSets.keys()].sort().join(', ')})`);
      checkType(parameter as RuleParameter, value, `data.${name}`, item.value as YamlNode, (n, m) => y.fail(n, m));
      data[name] = value;
    }
  }
  const rulesPair = section('rules');
  if (rulesPair) {
    for (const item of y.pairs(rulesPair.value, '"rules"', rulesPair)) {
      const name = y.key(item);
      const rule = rules.get(name);
      if (!rule) y.fail(item, `unknown rule "${name}" (run "sigil rules" for the list)`);
      const setting = ruleSetting(y, rule as Rule, item);
      if (setting.level === 'off') off.push((rule as Rule).code);
      else if (setting.level) severity[(rule as Rule).code] = setting.level;
      if (setting.options) options[(rule as Rule).code] = setting.options;
    }
  }
  return { ...empty, customRules, customRuleDeclarations, failOn, deployments };
}

/** `SIG303: off`, `SIG303: warning`, or `SIG303: { severity: warning, options: {...} }`. */
function ruleSetting(y: YamlFile, rule: Rule, item: Pair): { level?: (typeof RULE_SETTINGS)[number]; options?: Record<string, Value> } {
  const value = item.value as YamlNode | null;
  const level = (v: Value, node: YamlNode | Pair | null): (typeof RULE_SETTINGS)[number] => {
    if (typeof v !== 'string' || !(RULE_SETTINGS as readonly string[]).includes(v)) y.fail(node, `rules.${rule.code} must be one of ${RULE_SETTINGS.join(', ')}, or a mapping (severity:, options:)`);
    return v as (typeof RULE_SETTINGS)[number];
  };
  if (yaml().isScalar(value) || yaml().isAlias(value)) return { level: level(y.value(value), value) };
  const out: { level?: (typeof RULE_SETTINGS)[number]; options?: Record<string, Value> } = {};
  for (const pair of y.pairs(value, `rules.${rule.code}`, item)) {
    const key = y.key(pair);
    if (key === 'severity') out.level = level(y.value(pair.value), pair.value as YamlNode);
    else if (key === 'options') out.options = ruleOptions(y, rule, pair);
    else y.fail(pair, `unknown key "${key}" in rules.${rule.code} (expected severity, options)`);
  }
  return out;
}

function ruleOptions(y: YamlFile, rule: Rule, pair: Pair): Record<string, Value> {
  const out: Record<string, Value> = {};
  const known = rule.parameters ?? {};
  for (const option of y.pairs(pair.value, `rules.${rule.code}.options`, pair)) {
    const name = y.key(option);
    const parameter = known[name];
    if (!parameter) {
      y.fail(option, Object.keys(known).length === 0 ? `${rule.code} has no options` : `unknown option "${name}" of ${rule.code} (known: ${Object.keys(known).join(', ')})`);
    }
    const value = y.value(option.value);
    checkType(parameter as RuleParameter, value, `rules.${rule.code}.options.${name}`, option.value as YamlNode, (n, m) => y.fail(n, m));
    out[name] = value;
  }
  return out;
}

const TYPE_CHECKS: Record<RuleParameter['type'], (v: Value) => boolean> = {
  String: (v) => typeof v === 'string',
  Array: (v) => Array.isArray(v),
  Object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  Boolean: (v) => typeof v === 'boolean',
  Integer: (v) => typeof v === 'number' && Number.isInteger(v),
  Float: (v) => typeof v === 'number',
  DateTime: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
};

export function checkType(parameter: RuleParameter, value: Value, where: string, node: YamlNode, fail: (node: YamlNode, message: string) => never): void {
  if (!TYPE_CHECKS[parameter.type](value)) fail(node, `${where} must be of type ${parameter.type}`);
  if (parameter.allowedValues && !parameter.allowedValues.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
    fail(node, `${where} must be one of ${parameter.allowedValues.map((a) => JSON.stringify(a)).join(', ')}`);
  }
}

/** Data set name -> a parameter that holds it (for its type), over every rule. */
export function dataSetsOf(rules: RuleSet): Map<string, RuleParameter> {
  const out = new Map<string, RuleParameter>();
  for (const rule of rules.all) {
    for (const parameter of Object.values(rule.parameters ?? {})) if (parameter.data) out.set(parameter.data, parameter);
  }
  return out;
}

/** The parameters each rule runs with, from the config: data sets first, then explicit options. */
export function ruleParametersFrom(config: SigilConfig, rules: RuleSet): Record<string, Record<string, Value>> {
  const out: Record<string, Record<string, Value>> = {};
  for (const rule of rules.all) {
    const values: Record<string, Value> = {};
    for (const [name, parameter] of Object.entries(rule.parameters ?? {})) {
      if (parameter.data && parameter.data in config.data) values[name] = config.data[parameter.data] as Value;
    }
    Object.assign(values, config.rules[rule.code] ?? {});
    if (Object.keys(values).length > 0) out[rule.code] = values;
  }
  return out;
}

export function noConfig(): SigilConfig {
  return { file: undefined, data: {}, rules: {}, severity: {}, off: [], customRules: [], customRuleDeclarations: {}, include: [], exclude: [], failOn: undefined, deployments: [] };
}
