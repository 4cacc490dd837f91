import type { PolicyModel } from '../model.js';
import { API_VERSIONS, GENERATED, SCOPES, SCOPE_FILE, Raw, assignmentProperties, initiativeProperties, json, type Scope } from './common.js';

const SCHEMAS: Readonly<Record<Scope, string>> = {
  managementGroup: 'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#',
  subscription: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
};

/**
 * A string ARM would evaluate (`[...]`) written so that it deploys as itself: `[[...]`. Policy rules
 * are full of such strings (`[parameters('effect')]`); ARM removes the extra bracket at deployment.
 */
export function armEscape(value: unknown): unknown {
  if (value instanceof Raw) return value.text;
  if (typeof value === 'string') return value.startsWith('[') && value.endsWith(']') ? `[${value}` : value;
  if (Array.isArray(value)) return value.map(armEscape);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, armEscape(v)]));
  return value;
}

/** An ARM expression for the id of a policy object deployed by the same template. */
function idOf(scope: Scope, type: 'policyDefinitions' | 'policySetDefinitions', name: string): string {
  return scope === 'managementGroup'
    ? `[extensionResourceId(managementGroup().id, 'Microsoft.Authorization/${type}', '${name}')]`
    : `[subscriptionResourceId('Microsoft.Authorization/${type}', '${name}')]`;
}

/** ARM templates that deploy the definitions, the initiative and (parameter `assign`) its assignment. */
export function armFiles(model: PolicyModel): Map<string, string> {
  return new Map(SCOPES.map((scope) => [`arm/${SCOPE_FILE[scope]}.json`, json(armTemplate(model, scope))]));
}

export function armTemplate(model: PolicyModel, scope: Scope): object {
  const definitions = model.definitions.map((d) => ({
    type: 'Microsoft.Authorization/policyDefinitions',
    apiVersion: API_VERSIONS.policyDefinitions,
    name: d.name,
    properties: armEscape(d.properties),
  }));
  const initiativeId = idOf(scope, 'policySetDefinitions', model.initiative.name);
  const initiative = {
    type: 'Microsoft.Authorization/policySetDefinitions',
    apiVersion: API_VERSIONS.policySetDefinitions,
    name: model.initiative.name,
    dependsOn: model.definitions.map((d) => idOf(scope, 'policyDefinitions', d.name)),
    properties: armEscape(initiativeProperties(model, (name) => new Raw(idOf(scope, 'policyDefinitions', name)))),
  };
  const assignment = {
    condition: "[parameters('assign')]",
    type: 'Microsoft.Authorization/policyAssignments',
    apiVersion: API_VERSIONS.policyAssignments,
    name: model.assignment.name,
    dependsOn: [initiativeId],
    properties: armEscape(assignmentProperties(model, new Raw(initiativeId), new Raw("[parameters('enforcementMode')]"))),
  };
  return {
    $schema: SCHEMAS[scope],
    contentVersion: '1.0.0.0',
    metadata: { description: GENERATED },
    parameters: {
      assign: { type: 'bool', defaultValue: true, metadata: { description: 'Also assign the initiative at the deployment scope.' } },
      enforcementMode: {
        type: 'string',
        defaultValue: 'Default',
        allowedValues: ['Default', 'DoNotEnforce'],
        metadata: { description: 'DoNotEnforce evaluates compliance without denying anything: use it to try the rules first.' },
      },
    },
    resources: [...definitions, initiative, assignment],
  };
}
