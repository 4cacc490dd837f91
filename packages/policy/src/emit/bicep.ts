import type { PolicyModel } from '../model.js';
import { API_VERSIONS, GENERATED, SCOPES, SCOPE_FILE, Raw, assignmentProperties, initiativeProperties, type Scope } from './common.js';

/**
 * A Bicep string literal. Policy expressions are plain strings in Bicep (the compiler escapes `[` for
 * ARM itself); only `\`, `'`, `${` and control characters need escaping.
 */
export function bicepString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\$\{/g, '\\${')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // Other control characters: Bicep's \u{...} escape.
    .replace(/[\u0000-\u001f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
  return `'${escaped}'`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A JSON value as a Bicep literal, one member or item per line. */
export function bicepValue(value: unknown, indent = ''): string {
  if (value instanceof Raw) return value.text;
  if (value === null) return 'null';
  if (typeof value === 'string') return bicepString(value);
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return `json(${bicepString(String(value))})`;
    return value < 0 ? `-${-value}` : String(value);
  }
  if (typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${bicepValue(v, inner)}`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : bicepString(k)}: ${bicepValue(v, inner)}`).join('\n')}\n${indent}}`;
  }
  throw new Error(`cannot write ${typeof value} in Bicep`);
}

/** Bicep files (management group and subscription) deploying the same resources as the ARM templates. */
export function bicepFiles(model: PolicyModel): Map<string, string> {
  return new Map(SCOPES.map((scope) => [`bicep/${SCOPE_FILE[scope]}.bicep`, bicepFile(model, scope)]));
}

/** The symbolic name of a definition: its rule code in lower case. */
const symbol = (code: string) => code.toLowerCase().replace(/[^a-z0-9_]/g, '_');

export function bicepFile(model: PolicyModel, scope: Scope): string {
  const out = [
    `// ${GENERATED}`,
    `targetScope = '${scope}'`,
    '',
    "@description('Also assign the initiative at the deployment scope.')",
    'param assign bool = true',
    '',
    "@description('DoNotEnforce evaluates compliance without denying anything: use it to try the rules first.')",
    "@allowed([\n  'Default'\n  'DoNotEnforce'\n])",
    "param enforcementMode string = 'Default'",
    '',
  ];
  const symbols = new Map<string, string>();
  for (const d of model.definitions) {
    const name = symbol(d.properties.metadata.ruleCode);
    symbols.set(d.name, name);
    out.push(
      `resource ${name} 'Microsoft.Authorization/policyDefinitions@${API_VERSIONS.policyDefinitions}' = ${bicepValue({ name: d.name, properties: d.properties })}`,
      '',
    );
  }
  const initiative = { name: model.initiative.name, properties: initiativeProperties(model, (name) => new Raw(`${symbols.get(name)}.id`)) };
  out.push(`resource initiative 'Microsoft.Authorization/policySetDefinitions@${API_VERSIONS.policySetDefinitions}' = ${bicepValue(initiative)}`, '');
  const assignment = { name: model.assignment.name, properties: assignmentProperties(model, new Raw('initiative.id'), new Raw('enforcementMode')) };
  out.push(`resource assignment 'Microsoft.Authorization/policyAssignments@${API_VERSIONS.policyAssignments}' = if (assign) ${bicepValue(assignment)}`, '');
  return out.join('\n');
}
