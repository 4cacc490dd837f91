import { compileCondition, parseExpression, isExpression, PolicyCompileError, type Expr } from '@sigil/core';
import type { PolicyDefinition } from './model.js';
import { walkCalls } from './definition.js';

/**
 * Azure Policy's limits on a definition (azure-policy-language.md section 7; RULE and LIMITS), checked
 * before anything is written: Azure refuses a definition over them, or (evaluation limits) turns
 * it into a deny of every request.
 */
export const POLICY_LIMITS = {
  conditionsInIf: 4096,
  conditionsInExistence: 128,
  functionsPerRule: 2048,
  argumentsPerCall: 128,
  functionNesting: 64,
  expressionLength: 81_920,
  fieldCountsPerArray: 5,
  valueCounts: 10,
  valueCountIterations: 100,
  nestedConditionals: 512,
  parametersPerDefinition: 20,
  parametersPerInitiative: 300,
  definitionsPerInitiative: 1000,
  requestBytes: 1_048_576,
  displayName: 128,
  description: 512,
  metadataProperty: 1024,
  /** The API pattern allows more; AzPolicyTest and this generator keep names at most 64 characters. */
  name: 64,
} as const;

const NAME_PATTERN = /^[^<>%&:\\?/]*[^<>%&:\\?/ ]+$/;

/** What a definition's expressions and conditions add up to (also shown in the policy README). */
export interface DefinitionStats {
  conditions: number;
  existenceConditions: number;
  functions: number;
  maxArguments: number;
  maxFunctionNesting: number;
  longestExpression: number;
  maxNestedConditionals: number;
  valueCounts: number;
  maxFieldCountsPerArray: number;
  maxValueCountIterations: number;
  bytes: number;
}

/**
 * The problems that would make Azure refuse the definition or misread it: unknown aliases, functions
 * policy does not allow, limits, parameters. An empty list means the definition can be deployed.
 */
export function checkDefinition(definition: PolicyDefinition): { problems: string[]; stats: DefinitionStats } {
  const problems: string[] = [];
  const p = definition.properties;
  const fail = (message: string) => problems.push(`${p.metadata.ruleCode}: ${message}`);
  const stats: DefinitionStats = {
    conditions: 0, existenceConditions: 0, functions: 0, maxArguments: 0, maxFunctionNesting: 0, longestExpression: 0,
    maxNestedConditionals: 0, valueCounts: 0, maxFieldCountsPerArray: 0, maxValueCountIterations: 0,
    bytes: Buffer.byteLength(JSON.stringify({ properties: p })),
  };

  if (!NAME_PATTERN.test(definition.name) || definition.name.length > POLICY_LIMITS.name) fail(`the name "${definition.name}" is not a valid definition name`);
  if (p.displayName.length > POLICY_LIMITS.displayName) fail(`displayName has ${p.displayName.length} characters; Azure allows ${POLICY_LIMITS.displayName}`);
  if (p.description.length > POLICY_LIMITS.description) fail(`description has ${p.description.length} characters; Azure allows ${POLICY_LIMITS.description}`);
  for (const [k, v] of Object.entries(p.metadata)) {
    const length = typeof v === 'string' ? v.length : JSON.stringify(v).length;
    if (length > POLICY_LIMITS.metadataProperty) fail(`metadata.${k} has ${length} characters; Azure allows ${POLICY_LIMITS.metadataProperty}`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(p.metadata.version)) fail(`metadata.version "${p.metadata.version}" is not a semver version`);
  if (stats.bytes > POLICY_LIMITS.requestBytes) fail(`the request body has ${stats.bytes} bytes; Azure allows ${POLICY_LIMITS.requestBytes}`);

  const parameterNames = Object.keys(p.parameters);
  if (parameterNames.length > POLICY_LIMITS.parametersPerDefinition) fail(`${parameterNames.length} parameters; Azure allows ${POLICY_LIMITS.parametersPerDefinition}`);
  for (const [name, param] of Object.entries(p.parameters)) {
    if (param.allowedValues && !param.allowedValues.some((v) => JSON.stringify(v) === JSON.stringify(param.defaultValue))) {
      fail(`parameter "${name}": the default ${JSON.stringify(param.defaultValue)} is not one of its allowedValues`);
    }
  }
  const effect = p.parameters['effect'];
  if (!effect || !effect.allowedValues || p.policyRule.then.effect !== "[parameters('effect')]") fail('the effect must be the parameter "effect" with allowedValues');

  const arrays = new Set(Object.entries(p.parameters).filter(([, v]) => v.type.toLowerCase() === 'array').map(([k]) => k.toLowerCase()));
  const defaults = new Map(Object.entries(p.parameters).map(([k, v]) => [k.toLowerCase(), v.defaultValue]));

  // Aliases and functions: sigil's own compiler refuses unknown aliases, forbidden and unknown functions.
  let compiledIf;
  try {
    compiledIf = compileCondition(p.policyRule.if);
  } catch (e) {
    if (!(e instanceof PolicyCompileError)) throw e;
    fail(`if: ${e.message}`);
  }
  if (compiledIf) {
    stats.valueCounts = compiledIf.counts.value;
    stats.maxFieldCountsPerArray = Math.max(0, ...compiledIf.counts.field.values());
    for (const [array, n] of compiledIf.counts.field) {
      if (n > POLICY_LIMITS.fieldCountsPerArray) fail(`${n} field counts over ${array}[*]; Azure allows ${POLICY_LIMITS.fieldCountsPerArray} per array`);
    }
    if (compiledIf.counts.value > POLICY_LIMITS.valueCounts) fail(`${compiledIf.counts.value} value counts; Azure allows ${POLICY_LIMITS.valueCounts}`);
  }
  const details = p.policyRule.then.details;
  const existence = details?.['existenceCondition'];
  if (existence !== undefined) {
    try {
      compileCondition(existence);
    } catch (e) {
      if (!(e instanceof PolicyCompileError)) throw e;
      fail(`existenceCondition: ${e.message}`);
    }
    stats.existenceConditions = walkConditions(existence, 0, 1, (_c, n) => n).conditions;
    if (stats.existenceConditions > POLICY_LIMITS.conditionsInExistence) fail(`existenceCondition has ${stats.existenceConditions} conditions; Azure allows ${POLICY_LIMITS.conditionsInExistence}`);
  }

  const shape = walkConditions(p.policyRule.if, 0, 1, (count, iterations) => {
    const values = count['value'];
    const n = typeof values === 'string' ? literalLength(values, defaults) : Array.isArray(values) ? values.length : undefined;
    return n === undefined ? iterations : iterations * n;
  });
  stats.conditions = shape.conditions;
  stats.maxNestedConditionals = shape.depth;
  stats.maxValueCountIterations = shape.iterations;
  if (shape.conditions > POLICY_LIMITS.conditionsInIf) fail(`the if has ${shape.conditions} conditions; Azure allows ${POLICY_LIMITS.conditionsInIf}`);
  if (shape.depth > POLICY_LIMITS.nestedConditionals) fail(`conditions nest ${shape.depth} deep; Azure allows ${POLICY_LIMITS.nestedConditionals}`);
  if (shape.iterations > POLICY_LIMITS.valueCountIterations) fail(`value counts iterate ${shape.iterations} times; Azure allows ${POLICY_LIMITS.valueCountIterations}`);

  // Expressions: functions per rule, arguments, nesting, length, parameter references.
  forEachString(p.policyRule, [], (text, path) => {
    if (!isExpression(text)) return;
    stats.longestExpression = Math.max(stats.longestExpression, text.length);
    if (text.length > POLICY_LIMITS.expressionLength) fail(`an expression of ${text.length} characters at ${path.join('.')}; Azure allows ${POLICY_LIMITS.expressionLength}`);
    let expr: Expr;
    try {
      expr = parseExpression(text.slice(1, -1));
    } catch (e) {
      fail(`${path.join('.')}: ${(e as Error).message}`);
      return;
    }
    stats.maxFunctionNesting = Math.max(stats.maxFunctionNesting, nesting(expr));
    walkCalls(expr, (name, args) => {
      stats.functions++;
      stats.maxArguments = Math.max(stats.maxArguments, args.length);
      if (name === 'parameters') {
        const arg = args[0];
        if (arg?.kind !== 'string' || !defaults.has(arg.value.toLowerCase())) fail(`${path.join('.')}: parameters(${arg?.kind === 'string' ? `'${arg.value}'` : '...'}) is not a parameter of the definition`);
      }
    });
    // An Array parameter is accepted only by `in` / `notIn` (and as a value count's array).
    const whole = /^\[parameters\('([^']+)'\)\]$/i.exec(text);
    const key = String(path[path.length - 1] ?? '').toLowerCase();
    if (whole && arrays.has((whole[1] as string).toLowerCase()) && !['in', 'notin', 'value'].includes(key)) {
      fail(`${path.join('.')}: the Array parameter "${whole[1]}" can only be used with in or notIn`);
    }
  });
  if (stats.functions > POLICY_LIMITS.functionsPerRule) fail(`${stats.functions} function calls; Azure allows ${POLICY_LIMITS.functionsPerRule} per rule`);
  if (stats.maxArguments > POLICY_LIMITS.argumentsPerCall) fail(`a function call with ${stats.maxArguments} arguments; Azure allows ${POLICY_LIMITS.argumentsPerCall}`);
  if (stats.maxFunctionNesting > POLICY_LIMITS.functionNesting) fail(`functions nest ${stats.maxFunctionNesting} deep; Azure allows ${POLICY_LIMITS.functionNesting}`);
  return { problems, stats };
}

/** The length of a value count's array when it is fixed: a parameter's default, a `createArray` of literals. */
function literalLength(text: string, defaults: ReadonlyMap<string, unknown>): number | undefined {
  const param = /^\[parameters\('([^']+)'\)\]$/i.exec(text);
  if (param) {
    const v = defaults.get((param[1] as string).toLowerCase());
    return Array.isArray(v) ? v.length : undefined;
  }
  if (!isExpression(text)) return undefined;
  try {
    const expr = parseExpression(text.slice(1, -1));
    return expr.kind === 'call' && expr.name.toLowerCase() === 'createarray' ? expr.args.length : undefined;
  } catch {
    return undefined;
  }
}

/** Counts leaf conditions, the deepest nesting of logical operators, and the most value count iterations. */
function walkConditions(
  node: unknown,
  depth: number,
  iterations: number,
  multiply: (count: Record<string, unknown>, iterations: number) => number,
): { conditions: number; depth: number; iterations: number } {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return { conditions: 0, depth, iterations: 0 };
  const entries = Object.entries(node as Record<string, unknown>);
  const logical = entries.find(([k]) => ['allof', 'anyof', 'not'].includes(k.toLowerCase()));
  if (logical) {
    const children = Array.isArray(logical[1]) ? logical[1] : [logical[1]];
    const results = children.map((c) => walkConditions(c, depth + 1, iterations, multiply));
    return {
      conditions: results.reduce((n, r) => n + r.conditions, 0),
      depth: Math.max(depth + 1, ...results.map((r) => r.depth)),
      iterations: Math.max(0, ...results.map((r) => r.iterations)),
    };
  }
  const count = entries.find(([k]) => k.toLowerCase() === 'count')?.[1];
  if (count !== null && typeof count === 'object' && !Array.isArray(count)) {
    const c = count as Record<string, unknown>;
    const isValueCount = Object.keys(c).some((k) => k.toLowerCase() === 'value');
    const inner = isValueCount ? multiply(c, iterations) : iterations;
    const where = Object.entries(c).find(([k]) => k.toLowerCase() === 'where')?.[1];
    const r = where === undefined ? { conditions: 0, depth, iterations: 0 } : walkConditions(where, depth, inner, multiply);
    return { conditions: 1 + r.conditions, depth: r.depth, iterations: Math.max(isValueCount ? inner : 0, r.iterations) };
  }
  return { conditions: 1, depth, iterations: 0 };
}

function nesting(expr: Expr): number {
  switch (expr.kind) {
    case 'call':
      return 1 + Math.max(0, ...expr.args.map(nesting));
    case 'property':
      return nesting(expr.target);
    case 'index':
      return Math.max(nesting(expr.target), nesting(expr.index));
    default:
      return 0;
  }
}

function forEachString(node: unknown, path: (string | number)[], visit: (text: string, path: (string | number)[]) => void): void {
  if (typeof node === 'string') visit(node, path);
  else if (Array.isArray(node)) node.forEach((n, i) => forEachString(n, [...path, i], visit));
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) forEachString(v, [...path, k], visit);
}
