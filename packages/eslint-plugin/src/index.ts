import type { ESLint, Linter, Rule } from 'eslint';
import * as jsoncParser from 'jsonc-eslint-parser';
import { builtinRules } from '@sigil/rules';
import { bicepParser } from './parser.js';
import { CUSTOM, INPUT_ERROR, rules } from './rules.js';

export { bicepParser, locationOf, BicepParseError } from './parser.js';
export { rules, CUSTOM, INPUT_ERROR, type SigilEslintRule, type SigilRuleDocs } from './rules.js';
export { reportFor, clearFindingsCache, lintStatistics, type FileReport } from './findings.js';

/** Files sigil reads: ARM templates and parameters, Terraform JSON (`.tf.json`, `.tfvars.json`, plans). */
export const JSON_FILES = ['**/*.json', '**/*.jsonc'];
export const BICEP_FILES = ['**/*.bicep', '**/*.bicepparam'];

const plugin: ESLint.Plugin & { configs: Record<string, Linter.Config[]> } = {
  meta: { name: '@sigil/eslint-plugin', version: '0.1.0' },
  // typescript-eslint's rule type is stricter than ESLint's own (typed messages and options) and the
  // same object at run time.
  rules: rules as unknown as Record<string, Rule.RuleModule>,
  configs: {},
};

const severity = { error: 'error', warning: 'warn', note: 'warn' } as const;
const recommendedRules: Linter.RulesRecord = {
  ...Object.fromEntries(builtinRules.all.map((r) => [`sigil/${r.name}`, severity[r.meta.severity]])),
  // One ESLint severity for all custom rules: they are the team's own gates, as sigil lint fails on errors.
  [`sigil/${CUSTOM}`]: 'error',
  [`sigil/${INPUT_ERROR}`]: 'error',
};

/**
 * Every sigil rule at its sigil severity, on JSON through `jsonc-eslint-parser` (JSON that is not a
 * template, a parameters file or Terraform JSON has no findings) and on Bicep through sigil's parser.
 */
plugin.configs.recommended = [
  { name: 'sigil/recommended/json', files: JSON_FILES, plugins: { sigil: plugin }, languageOptions: { parser: jsoncParser }, rules: recommendedRules },
  { name: 'sigil/recommended/bicep', files: BICEP_FILES, plugins: { sigil: plugin }, languageOptions: { parser: bicepParser }, rules: recommendedRules },
];

export default plugin;
