import type { PolicyModel } from '../model.js';
import { GENERATED, SCOPES, SCOPE_FILE, definitionGroups, json, passedParameters, type Scope } from './common.js';

/**
 * A literal string in Terraform JSON: every string there is a template, so `${` and `%{` are written
 * `$${` and `%%{` to reach the provider unchanged.
 */
export function terraformEscape(text: string): string {
  // A function replacement: in a replacement string `$$` would itself mean one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** A JSON attribute (`policy_rule`, `parameters`, `metadata`): the JSON text, as a literal string. */
const jsonAttribute = (value: unknown) => terraformEscape(JSON.stringify(value));

const RESOURCES: Readonly<Record<Scope, { set: string; assignment: string; scopeAttribute: Record<string, string> }>> = {
  managementGroup: {
    set: 'azurerm_management_group_policy_set_definition',
    assignment: 'azurerm_management_group_policy_assignment',
    scopeAttribute: { management_group_id: '${var.management_group_id}' },
  },
  subscription: {
    set: 'azurerm_policy_set_definition',
    assignment: 'azurerm_subscription_policy_assignment',
    scopeAttribute: { subscription_id: '${data.azurerm_subscription.current.id}' },
  },
};

/**
 * Terraform JSON configurations (one module per scope) with `azurerm_policy_definition`, the
 * policy set definition and its assignment. JSON rather than HCL: it is checked by a JSON parser
 * and read back by sigil's own Terraform evaluator in the tests.
 */
export function terraformFiles(model: PolicyModel): Map<string, string> {
  return new Map(SCOPES.map((scope) => [`terraform/${SCOPE_FILE[scope]}/main.tf.json`, json(terraformConfig(model, scope))]));
}

const resourceName = (code: string) => code.toLowerCase().replace(/[^a-z0-9_]/g, '_');

export function terraformConfig(model: PolicyModel, scope: Scope): object {
  const r = RESOURCES[scope];
  const i = model.initiative;
  const a = model.assignment;
  const definitionScope = scope === 'managementGroup' ? { management_group_id: '${var.management_group_id}' } : {};
  const definitions = Object.fromEntries(
    model.definitions.map((d) => [
      resourceName(d.properties.metadata.ruleCode),
      {
        name: d.name,
        policy_type: 'Custom',
        mode: d.properties.mode,
        display_name: terraformEscape(d.properties.displayName),
        description: terraformEscape(d.properties.description),
        ...definitionScope,
        metadata: jsonAttribute(d.properties.metadata),
        parameters: jsonAttribute(d.properties.parameters),
        policy_rule: jsonAttribute(d.properties.policyRule),
      },
    ]),
  );
  const byName = new Map(model.definitions.map((d) => [d.name, resourceName(d.properties.metadata.ruleCode)]));
  const set = {
    name: i.name,
    policy_type: 'Custom',
    display_name: terraformEscape(i.displayName),
    description: terraformEscape(i.description),
    ...definitionScope,
    metadata: jsonAttribute(i.metadata),
    parameters: jsonAttribute(i.parameters),
    policy_definition_group: definitionGroups(model).map((g) => {
      const group = g as { name: string; displayName: string; category: string; description: string };
      return { name: group.name, display_name: terraformEscape(group.displayName), category: group.category, description: terraformEscape(group.description) };
    }),
    policy_definition_reference: i.references.map((ref) => ({
      policy_definition_id: `\${azurerm_policy_definition.${byName.get(ref.policyDefinitionName)}.id}`,
      reference_id: ref.policyDefinitionReferenceId,
      parameter_values: jsonAttribute(passedParameters(ref.parameters)),
      policy_group_names: ref.groupNames,
    })),
  };
  const assignment = {
    count: '${var.assign ? 1 : 0}',
    name: a.name,
    ...r.scopeAttribute,
    policy_definition_id: `\${${r.set}.sigil.id}`,
    display_name: terraformEscape(a.displayName),
    description: terraformEscape(a.description),
    enforce: '${var.enforce}',
    non_compliance_message: a.nonComplianceMessages.map((m) => ({ content: terraformEscape(m.message), policy_definition_reference_id: m.policyDefinitionReferenceId })),
  };
  return {
    '//': GENERATED,
    terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version: '>= 3.0' } } },
    // azurerm refuses to start without a features block; the module is meant to be applied as is.
    provider: { azurerm: { features: {} } },
    variable: {
      ...(scope === 'managementGroup'
        ? { management_group_id: { type: 'string', description: 'The management group that holds the definitions and the assignment: /providers/Microsoft.Management/managementGroups/<name>.' } }
        : {}),
      assign: { type: 'bool', default: true, description: 'Also assign the initiative.' },
      enforce: { type: 'bool', default: true, description: 'false: evaluate compliance without denying anything (DoNotEnforce), to try the rules first.' },
    },
    ...(scope === 'subscription' ? { data: { azurerm_subscription: { current: {} } } } : {}),
    resource: {
      azurerm_policy_definition: definitions,
      [r.set]: { sigil: set },
      [r.assignment]: { sigil: assignment },
    },
  };
}
