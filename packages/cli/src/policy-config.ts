import { relative } from 'node:path';
import { RuleSet, type Rule, type RuleSeverity, type Value } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import type { CustomPolicyRule } from '@sigil/policy';
import { ruleParametersFrom, type SigilConfig } from './config.js';
import { CUSTOM_RULE_FIRST_VERSION } from './custom-rules.js';

/** What a `.sigil.yaml` makes of `sigil policy build`: the same rules, options and severities as `sigil lint`. */
export interface PolicyBuildConfig {
  /** The built-in rules that are not turned off. */
  readonly rules: readonly Rule[];
  /** The custom rules that are not turned off, with their version and where they are written. */
  readonly custom: readonly CustomPolicyRule[];
  /** Data sets and rule options: the parameters' defaults. */
  readonly overrides: Readonly<Record<string, Readonly<Record<string, Value>>>>;
  /** Severity by code: it chooses a definition's default effect. */
  readonly severity: Readonly<Record<string, RuleSeverity>>;
  /** Codes turned off, built-in or custom: they get no definition. */
  readonly off: readonly string[];
}

export function policyBuildConfig(config: SigilConfig, cwd: string): PolicyBuildConfig {
  const off = new Set(config.off);
  const custom = config.customRules
    .filter((rule) => !off.has(rule.code))
    .map((rule): CustomPolicyRule => {
      const declared = config.customRuleDeclarations[rule.code];
      if (!declared) return { rule, version: CUSTOM_RULE_FIRST_VERSION };
      return { rule, version: declared.version, source: `${relative(cwd, declared.file) || declared.file}:${declared.line}:${declared.column}` };
    });
  const all = new RuleSet([...builtinRules.all, ...config.customRules].map((rule) => ({ rule })));
  return {
    rules: builtinRules.all.filter((rule) => !off.has(rule.code)),
    custom,
    overrides: ruleParametersFrom(config, all),
    severity: config.severity,
    off: config.off,
  };
}
