import { dirname, resolve } from 'node:path';
import type { Node as YamlNode, Pair } from 'yaml';
import { defineRule, type Rule, type RuleSet, type RuleSeverity, type Value } from '@sigil/core';
import { YamlFile, yamlLib } from './config.js';

/** Keys of a custom rule, in the order the docs list them. */
export const CUSTOM_RULE_KEYS = ['code', 'name', 'title', 'severity', 'resourceTypes', 'summary', 'fix', 'message', 'messages', 'condition', 'azureErrors', 'version'] as const;
const REQUIRED = ['code', 'name', 'title', 'severity', 'resourceTypes', 'summary', 'fix', 'condition'] as const;
/** Codes are letters then three digits; `SIG` is sigil's own prefix, every other one is the user's. */
export const CUSTOM_CODE = /^(?!SIG)[A-Z][A-Z0-9]{1,9}\d{3}$/;
/** The version a custom rule's policy definition has when the rule gives none. */
export const CUSTOM_RULE_FIRST_VERSION = '1.0.0';
const SEMVER = /^\d+\.\d+\.\d+$/;

/**
 * Where a custom rule is written (its mapping's first line), and the version of its policy definition:
 * the rule's `version:`, which the team raises when it changes the rule (sigil's version lock holds
 * only sigil's rules, and a build never writes it).
 */
export interface CustomRuleDeclaration {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly version: string;
}

/**
 * `customRules:` in the configuration: each item is a rule (a mapping) or the path of a YAML file
 * (relative to the configuration) holding one rule or a list of them. A rule is the same shape as a
 * built-in one, with an Azure Policy condition evaluated by the same engine. Every mistake is an error
 * at its YAML line.
 */
export function readCustomRules(config: YamlFile, pair: Pair, builtin: RuleSet): { rules: Rule[]; declarations: Record<string, CustomRuleDeclaration> } {
  const y = yamlLib();
  if (!y.isSeq(pair.value)) config.fail((pair.value as YamlNode | null) ?? pair, 'customRules must be a list of rules or rule files');
  const out: Rule[] = [];
  const declarations: Record<string, CustomRuleDeclaration> = {};
  const seen = new Map<string, string>();
  const add = (file: YamlFile, node: YamlNode) => {
    const { rule, version } = customRule(file, node, builtin);
    for (const id of [rule.code, rule.name]) {
      const first = seen.get(id);
      if (first) file.fail(node, `the custom rule ${id} is defined twice (first in ${first})`);
      seen.set(id, file.file);
    }
    out.push(rule);
    declarations[rule.code] = { file: file.file, ...file.position(node), version };
  };
  for (const item of (pair.value as { items: YamlNode[] }).items) {
    if (y.isScalar(item) && typeof item.value === 'string') {
      const file = new YamlFile(resolve(dirname(config.file), item.value), 'the rule file');
      const root = file.doc.contents as YamlNode | null;
      if (y.isSeq(root)) for (const rule of root.items as YamlNode[]) add(file, rule);
      else add(file, root as YamlNode);
    } else {
      add(config, item);
    }
  }
  return { rules: out, declarations };
}

function customRule(y: YamlFile, node: YamlNode, builtin: RuleSet): { rule: Rule; version: string } {
  const fields = new Map<string, Pair>();
  for (const pair of y.pairs(node, 'a custom rule', node)) {
    const key = y.key(pair);
    if (!(CUSTOM_RULE_KEYS as readonly string[]).includes(key)) y.fail(pair, `unknown key "${key}" in a custom rule (expected ${CUSTOM_RULE_KEYS.join(', ')})`);
    fields.set(key, pair);
  }
  for (const key of REQUIRED) if (!fields.has(key)) y.fail(node, `a custom rule needs "${key}"`);
  const value = (key: string): Value => y.value(fields.get(key)?.value);
  const at = (key: string) => (fields.get(key)?.value as YamlNode | null) ?? fields.get(key);
  const text = (key: string): string => {
    const v = value(key);
    if (typeof v !== 'string' || !v.trim()) y.fail(at(key), `"${key}" must be a non-empty string`);
    return v as string;
  };
  const code = text('code');
  if (!CUSTOM_CODE.test(code)) {
    y.fail(at('code'), code.startsWith('SIG') ? `the code prefix SIG is sigil's own; give your rules a prefix of yours (e.g. ACME001)` : `"${code}" is not a rule code: capital letters, then three digits (e.g. ACME001)`);
  }
  const name = text('name');
  if (builtin.get(name)) y.fail(at('name'), `"${name}" is the name of a sigil rule; choose another`);
  const severity = text('severity');
  if (!['error', 'warning', 'note'].includes(severity)) y.fail(at('severity'), '"severity" must be one of error, warning, note');
  const types = value('resourceTypes');
  if (!Array.isArray(types) || types.length === 0 || !types.every((t) => typeof t === 'string' && t.includes('/'))) {
    y.fail(at('resourceTypes'), '"resourceTypes" must be a list of ARM resource types (e.g. Microsoft.Compute/galleries)');
  }
  let messages: Record<string, string>;
  if (fields.has('messages')) {
    const m = value('messages');
    if (m === null || typeof m !== 'object' || Array.isArray(m) || !Object.values(m).every((x) => typeof x === 'string')) y.fail(at('messages'), '"messages" must map message ids to texts');
    messages = m as Record<string, string>;
  } else {
    messages = { default: fields.has('message') ? text('message') : text('title') };
  }
  const condition = value('condition');
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) y.fail(at('condition'), '"condition" must be an Azure Policy condition (a mapping such as {field: ..., equals: ...})');
  const azureErrors = value('azureErrors');
  const version = fields.has('version') ? value('version') : CUSTOM_RULE_FIRST_VERSION;
  if (typeof version !== 'string' || !SEMVER.test(version)) y.fail(at('version'), '"version" must be a version of three numbers, such as 1.2.0');
  let rule: Rule;
  try {
    rule = defineRule({
      code,
      name,
      meta: {
        title: text('title'),
        severity: severity as RuleSeverity,
        resourceTypes: types as string[],
        summary: text('summary'),
        fix: text('fix'),
        azureErrors: Array.isArray(azureErrors) ? azureErrors.filter((e): e is string => typeof e === 'string') : [],
      },
      messages,
      condition,
    });
  } catch (e) {
    return y.fail(node, (e as Error).message);
  }
  try {
    void rule.compiled;
  } catch (e) {
    return y.fail(at('condition'), `the condition of ${code} is not valid: ${(e as Error).message}`);
  }
  return { rule, version: version as string };
}

/** A custom rule's documentation for `sigil explain`, in the shape of a built-in rule's README. */
export function describeCustomRule(rule: Rule): string {
  return [
    `# ${rule.code} ${rule.name}`,
    '',
    `**${rule.meta.title}**`,
    '',
    `| Severity | Resource types | Defined in |`,
    '|---|---|---|',
    `| ${rule.meta.severity} | ${rule.meta.resourceTypes.map((t) => `\`${t}\``).join(', ')} | the configuration (custom rule) |`,
    '',
    rule.meta.summary,
    '',
    '## How to fix',
    '',
    rule.meta.fix,
    '',
    '## Condition',
    '',
    '```json',
    JSON.stringify(rule.conditionJson, null, 2),
    '```',
    '',
  ].join('\n');
}
