import { createHash } from 'node:crypto';
import { stripAnnotations, parseExpression, isExpression, type Rule, type RuleSeverity, type Value, type Expr } from '@sigil/core';
import type { PolicyDefinition, PolicyParameter, PolicyRuleJson } from './model.js';
import { SIGIL_NAMESPACE, uuidV5 } from './uuid.js';

/** The effects a condition rule can take: interchangeable ones only (they share one rule). */
export const CONDITION_EFFECTS = ['Deny', 'Audit', 'Disabled'] as const;
/** An existence rule (a related resource must exist): AuditIfNotExists, or off. */
export const EXISTENCE_EFFECTS = ['AuditIfNotExists', 'Disabled'] as const;

/**
 * The default effect of a rule's definition.
 * - An existence rule audits: AuditIfNotExists runs after the deployment, it cannot deny.
 * - An `error` rule denies: Azure would refuse the deployment anyway, minutes later and with a less
 *   helpful message; Deny stops it at once with the rule's message and fix.
 * - Except when the verdict rests on a data set (the region lists): a list older than Azure would
 *   deny a deployment to a new region that succeeds, so those rules audit until the team sets Deny.
 * - `warning` and `note` rules audit: the deployment would succeed.
 * The severity is the rule's own unless a configuration sets another.
 */
export function defaultEffect(rule: Rule, severity: RuleSeverity = rule.meta.severity): string {
  if (rule.existencePolicy) return 'AuditIfNotExists';
  if (severity !== 'error') return 'Audit';
  const usesData = Object.values(rule.parameters ?? {}).some((p) => p.data !== undefined);
  return usesData ? 'Audit' : 'Deny';
}

export interface DefinitionOptions {
  /** Rule options over the rules' defaults (from `.sigil.yaml`), by rule code. */
  readonly overrides?: Readonly<Record<string, Readonly<Record<string, Value>>>>;
  /** The definition's semver, from the version lock (or, for a custom rule, its configuration). */
  readonly version: string;
  readonly docsUrl?: string;
  /** The severity a configuration gives the rule, over its own: it chooses the default effect. */
  readonly severity?: RuleSeverity;
}

/** The definition name of a rule: a UUID v5 of its code, the same in every release. */
export function definitionName(code: string): string {
  return uuidV5(SIGIL_NAMESPACE, code);
}

/** The parameters of a rule's definition: `effect`, then the rule's options with their defaults. */
export function definitionParameters(rule: Rule, overrides?: Readonly<Record<string, Value>>, severity?: RuleSeverity): Record<string, PolicyParameter> {
  const effects: readonly string[] = rule.existencePolicy ? EXISTENCE_EFFECTS : CONDITION_EFFECTS;
  const out: Record<string, PolicyParameter> = {
    effect: {
      type: 'string',
      metadata: { displayName: 'Effect', description: `${effects.join(', ')}: what Azure Policy does with a resource this rule finds (see the sigil README, "Azure Policy").` },
      allowedValues: effects,
      defaultValue: defaultEffect(rule, severity),
    },
  };
  for (const [name, p] of Object.entries(rule.parameters ?? {})) {
    const value = overrides && name in overrides ? (overrides[name] as Value) : p.defaultValue;
    out[name] = {
      type: parameterType(p.type),
      metadata: { displayName: p.displayName, description: p.description },
      defaultValue: value,
      ...(p.allowedValues ? { allowedValues: p.allowedValues } : {}),
    };
  }
  return out;
}

/**
 * A parameter type as the policy language documents it (`string`, `array`, `dateTime`...). Azure reads
 * types case-insensitively; EPAC's definition schema requires `string` for the effect.
 */
export function parameterType(type: string): string {
  return type.charAt(0).toLowerCase() + type.slice(1);
}

/** The type test a policy rule starts with: `equals` for one type, `in` for several. */
export function typeCondition(types: readonly string[]): Record<string, unknown> {
  return types.length === 1 ? { field: 'type', equals: types[0] } : { field: 'type', in: [...types] };
}

/** The policy rule: the rule's condition without sigil's annotations, after the type test. */
export function policyRule(rule: Rule): PolicyRuleJson {
  const effect = "[parameters('effect')]";
  if (rule.existencePolicy) {
    return {
      if: { allOf: [typeCondition(rule.meta.resourceTypes), stripAnnotations(rule.existencePolicy.if)] },
      then: { effect, details: rule.existencePolicy.details },
    };
  }
  return { if: { allOf: [typeCondition(rule.meta.resourceTypes), stripAnnotations(rule.conditionJson)] }, then: { effect } };
}

/**
 * `Indexed` for a rule that reads only tags and location (Azure's advice for such policies), `All`
 * otherwise: property rules must see every gallery resource type.
 */
export function definitionMode(rule: PolicyRuleJson): 'All' | 'Indexed' {
  const fields = fieldsRead(rule.if);
  // The type test is every rule's; any other field but location and tags makes a property rule.
  const other = [...fields].filter((f) => f !== 'type' && f !== 'location' && !f.startsWith('tags'));
  return fields.size > 0 && other.length === 0 && [...fields].some((f) => f === 'location' || f.startsWith('tags')) ? 'Indexed' : 'All';
}

/** Every field a condition reads: `field` keys, count fields, and `field('...')` / `current('...')` calls. */
export function fieldsRead(condition: unknown): Set<string> {
  const out = new Set<string>();
  const fromExpression = (text: string) => {
    let expr: Expr;
    try {
      expr = parseExpression(text.slice(1, -1));
    } catch {
      return;
    }
    walkCalls(expr, (name, args) => {
      const first = args[0];
      // current('name') of a value count is no field: only alias arguments (with a `/`) are.
      if (first?.kind === 'string' && (name === 'field' || (name === 'current' && first.value.includes('/')))) out.add(first.value.toLowerCase());
    });
  };
  const walk = (node: unknown, key?: string): void => {
    if (typeof node === 'string') {
      if (key === 'field') out.add(node.toLowerCase());
      if (isExpression(node)) fromExpression(node);
      return;
    }
    if (Array.isArray(node)) node.forEach((n) => walk(n));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k.toLowerCase());
  };
  walk(condition);
  return out;
}

/** Calls every function call in an expression with its lower-case name and arguments. */
export function walkCalls(expr: Expr, visit: (name: string, args: readonly Expr[], expr: Expr) => void): void {
  switch (expr.kind) {
    case 'call':
      visit(expr.name.toLowerCase(), expr.args, expr);
      for (const a of expr.args) walkCalls(a, visit);
      return;
    case 'property':
      return walkCalls(expr.target, visit);
    case 'index':
      walkCalls(expr.target, visit);
      return walkCalls(expr.index, visit);
    default:
      return;
  }
}

/**
 * What a definition's version follows: its policy rule and parameters. A changed hash needs a new
 * version in the lock (`npm run generate`).
 */
export function contentHash(definition: Pick<PolicyDefinition['properties'], 'policyRule' | 'parameters' | 'mode'>): string {
  const text = JSON.stringify({ mode: definition.mode, parameters: definition.parameters, policyRule: definition.policyRule });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const DESCRIPTION_MAX = 512;

/** What the rule finds and why: its summary, then the Azure error it prevents when both fit. */
export function definitionDescription(rule: Rule): string {
  const error = rule.meta.azureErrors[0];
  const full = error ? `${rule.meta.summary} Azure refuses such a deployment: "${error}"` : rule.meta.summary;
  if (full.length <= DESCRIPTION_MAX) return full;
  return rule.meta.summary.length <= DESCRIPTION_MAX ? rule.meta.summary : `${rule.meta.summary.slice(0, DESCRIPTION_MAX - 1)}…`;
}

/** A rule's policy definition. */
export function buildDefinition(rule: Rule, options: DefinitionOptions): PolicyDefinition {
  const rulePart = policyRule(rule);
  return {
    name: definitionName(rule.code),
    properties: {
      displayName: clip(`${rule.code}: ${rule.meta.title}`, 128),
      policyType: 'Custom',
      mode: definitionMode(rulePart),
      description: definitionDescription(rule),
      metadata: {
        version: options.version,
        category: 'Compute',
        source: 'sigil',
        ruleCode: rule.code,
        ruleName: rule.name,
        severity: options.severity ?? rule.meta.severity,
        ...(options.docsUrl ? { docs: options.docsUrl } : {}),
      },
      parameters: definitionParameters(rule, options.overrides?.[rule.code], options.severity),
      policyRule: rulePart,
    },
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
