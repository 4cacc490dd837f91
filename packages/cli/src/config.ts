import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type * as Yaml from 'yaml';
import type { Rule, RuleParameter, RuleSet, Value } from '@sigil/core';

// Loaded when a configuration file exists: most runs have none, and loading yaml is a tenth of start-up.
const requireCjs = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlModule ??= requireCjs('yaml') as typeof Yaml);

/** The user's `.sigil.yaml`: data that replaces sigil's own (regions...), and rule options. */
export interface SigilConfig {
  /** Where it was read from; undefined when there is none. */
  readonly file: string | undefined;
  /** Data sets by name (`regions`, `zrsRegions`...), replacing the rules' defaults. */
  readonly data: Readonly<Record<string, Value>>;
  /** Rule options by rule code. */
  readonly rules: Readonly<Record<string, Readonly<Record<string, Value>>>>;
}

export const CONFIG_FILES = ['.sigil.yaml', '.sigil.yml'];
const TOP_LEVEL_KEYS = ['data', 'rules'];

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

/**
 * Reads and checks a config file against the rule set: every data set and option must be one a rule
 * declares, with a value of its type. Errors name the YAML line and column.
 */
export function loadConfig(file: string, rules: RuleSet): SigilConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, 1, 1, `cannot read the configuration: ${(e as Error).message}`);
  }
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (node: YamlNode | Pair | null | undefined): { line: number; column: number } => {
    const offset = node && 'range' in node && node.range ? node.range[0] : node && 'key' in node && (node.key as YamlNode | null)?.range ? ((node.key as YamlNode).range as [number, number, number])[0] : 0;
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const fail = (node: YamlNode | Pair | null | undefined, message: string): never => {
    const { line, column } = at(node);
    throw new ConfigError(file, line, column, message);
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.linePos?.[0] ?? { line: 1, col: 1 };
    throw new ConfigError(file, pos.line, pos.col, `invalid YAML: ${firstError.message.split('\n')[0]}`);
  }
  const data: Record<string, Value> = {};
  const options: Record<string, Record<string, Value>> = {};
  const root = doc.contents;
  if (root === null || (yaml().isScalar(root) && root.value === null)) return { file, data, rules: options };
  if (!yaml().isMap(root)) fail(root, 'the configuration must be a mapping (data:, rules:)');

  const dataSets = dataSetsOf(rules);
  for (const pair of (root as YAMLMap).items as Pair[]) {
    const key = keyOf(pair, fail);
    if (!TOP_LEVEL_KEYS.includes(key)) fail(pair, `unknown key "${key}" (expected ${TOP_LEVEL_KEYS.join(', ')})`);
    if (!yaml().isMap(pair.value)) fail(pair.value as YamlNode, `"${key}" must be a mapping`);
    for (const item of (pair.value as YAMLMap).items as Pair[]) {
      const name = keyOf(item, fail);
      const value = (item.value as YamlNode | null)?.toJSON() as Value;
      if (key === 'data') {
        const parameter = dataSets.get(name);
        if (!parameter) fail(item, `unknown data set "${name}" (known: ${[...dataSets.keys()].sort().join(', ')})`);
        checkType(parameter as RuleParameter, value, `data.${name}`, item.value as YamlNode, fail);
        data[name] = value;
        continue;
      }
      const rule = rules.get(name);
      if (!rule) fail(item, `unknown rule "${name}" (run "sigil rules" for the list)`);
      options[(rule as Rule).code] = ruleOptions(rule as Rule, item, fail);
    }
  }
  return { file, data, rules: options };
}

function keyOf(pair: Pair, fail: (node: Pair, message: string) => never): string {
  const key = pair.key as YamlNode | null;
  if (!yaml().isScalar(key) || typeof key.value !== 'string') fail(pair, 'keys must be strings');
  return (key as { value: string }).value;
}

function ruleOptions(rule: Rule, item: Pair, fail: (node: YamlNode | Pair | null | undefined, message: string) => never): Record<string, Value> {
  const out: Record<string, Value> = {};
  if (!yaml().isMap(item.value)) fail(item.value as YamlNode, `rules.${rule.code} must be a mapping (options:)`);
  for (const pair of (item.value as YAMLMap).items as Pair[]) {
    const key = keyOf(pair, fail);
    if (key !== 'options') fail(pair, `unknown key "${key}" in rules.${rule.code} (expected options)`);
    if (!yaml().isMap(pair.value)) fail(pair.value as YamlNode, `rules.${rule.code}.options must be a mapping`);
    const known = rule.parameters ?? {};
    for (const option of (pair.value as YAMLMap).items as Pair[]) {
      const name = keyOf(option, fail);
      const parameter = known[name];
      if (!parameter) {
        fail(option, Object.keys(known).length === 0 ? `${rule.code} has no options` : `unknown option "${name}" of ${rule.code} (known: ${Object.keys(known).join(', ')})`);
      }
      const value = (option.value as YamlNode | null)?.toJSON() as Value;
      checkType(parameter as RuleParameter, value, `rules.${rule.code}.options.${name}`, option.value as YamlNode, fail);
      out[name] = value;
    }
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

function checkType(parameter: RuleParameter, value: Value, where: string, node: YamlNode, fail: (node: YamlNode, message: string) => never): void {
  if (!TYPE_CHECKS[parameter.type](value)) fail(node, `${where} must be of type ${parameter.type}`);
  if (parameter.allowedValues && !parameter.allowedValues.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
    fail(node, `${where} must be one of ${parameter.allowedValues.map((a) => JSON.stringify(a)).join(', ')}`);
  }
}

/** Data set name -> a parameter that holds it (for its type), over every rule. */
function dataSetsOf(rules: RuleSet): Map<string, RuleParameter> {
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
  return { file: undefined, data: {}, rules: {} };
}
