import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ResourceGraph, type Resource } from '@sigil/core';
import { loadArm } from '@sigil/arm';
import { loadBicep } from '@sigil/bicep';
import { loadTerraform, parseTemplate } from '@sigil/terraform';
import { builtinPolicyModel, policyFiles, writePolicyFiles, type PolicyModel } from '../src/index.js';
import { buildToTemp, readDefinitions, readJsonc } from './helpers.js';
import { sampleModel } from './samples.js';

/**
 * Every format deploys the same objects: each file is read back by the parser sigil has for it (ARM and
 * Bicep evaluated by sigil's frontends, Terraform strings by its template parser, JSONC) and compared
 * with the plain definitions. A wrong escape changes a value or fails to parse, and the test fails.
 */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

function deployedBy(resources: readonly Resource[], type: string): Map<string, Record<string, unknown>> {
  return new Map(resources.filter((r) => r.type === `Microsoft.Authorization/${type}`).map((r) => [String(r.name), plain(r.body['properties']) as Record<string, unknown>]));
}

/** Checks the template-evaluated resources (ARM or Bicep) against the model. */
function assertDeploys(graph: ResourceGraph, model: PolicyModel, label: string): void {
  assert.equal(graph.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], `${label}: no errors`);
  const definitions = deployedBy(graph.resources, 'policyDefinitions');
  assert.equal([...definitions.keys()], model.definitions.map((d) => d.name), `${label}: definitions`);
  for (const d of model.definitions) assert.equal(definitions.get(d.name), plain(d.properties), `${label}: ${d.properties.metadata.ruleCode}`);
  const initiative = deployedBy(graph.resources, 'policySetDefinitions').get(model.initiative.name);
  assert.ok(initiative, `${label}: initiative`);
  assert.equal(initiative['parameters'], plain(model.initiative.parameters), `${label}: initiative parameters`);
  const references = initiative['policyDefinitions'] as { policyDefinitionReferenceId: string; parameters: unknown; groupNames: unknown }[];
  assert.equal(
    references.map((r) => ({ id: r.policyDefinitionReferenceId, parameters: r.parameters, groups: r.groupNames })),
    model.initiative.references.map((r) => ({
      id: r.policyDefinitionReferenceId,
      parameters: Object.fromEntries(Object.entries(r.parameters).map(([k, v]) => [k, { value: `[parameters('${v}')]` }])),
      groups: r.groupNames,
    })),
    `${label}: references pass the initiative's parameters as policy expressions`,
  );
  const assignment = deployedBy(graph.resources, 'policyAssignments').get(model.assignment.name);
  assert.equal(assignment?.['nonComplianceMessages'], plain(model.assignment.nonComplianceMessages), `${label}: assignment`);
}

function assertArm(dir: string, model: PolicyModel): void {
  for (const scope of ['management-group', 'subscription']) {
    const path = join(dir, 'arm', `${scope}.json`);
    const text = readFileSync(path, 'utf8');
    // ARM refuses templates over 4 MB.
    assert.ok(Buffer.byteLength(text) < 4 * 1024 * 1024, `${scope}: ${Buffer.byteLength(text)} bytes`);
    const template = JSON.parse(text) as { $schema: string };
    assert.match(template.$schema, scope === 'management-group' ? /2019-08-01\/managementGroupDeploymentTemplate/ : /subscriptionDeploymentTemplate/);
    const graph = new ResourceGraph();
    loadArm([{ path, explicit: true }], graph, {});
    assertDeploys(graph, model, `arm/${scope}`);
  }
}

function assertBicep(dir: string, model: PolicyModel): void {
  for (const scope of ['management-group', 'subscription']) {
    const path = join(dir, 'bicep', `${scope}.bicep`);
    assert.match(readFileSync(path, 'utf8'), scope === 'management-group' ? "targetScope = 'managementGroup'" : "targetScope = 'subscription'");
    const graph = new ResourceGraph();
    loadBicep([{ path, explicit: true }], graph, {});
    assertDeploys(graph, model, `bicep/${scope}`);
  }
}

/** A Terraform JSON string that must be a literal: parsed as a template, it has no interpolation. */
function terraformLiteral(text: unknown, label: string): string {
  assert.type(text, 'string', label);
  const expr = parseTemplate(text as string);
  assert.is(expr.kind, 'literal', `${label}: a literal, not an interpolation`);
  return (expr as { value: string }).value;
}

function assertTerraform(dir: string, model: PolicyModel): void {
  for (const scope of ['management-group', 'subscription']) {
    const path = join(dir, 'terraform', scope, 'main.tf.json');
    const config = JSON.parse(readFileSync(path, 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const definitions = Object.values(config.resource['azurerm_policy_definition'] ?? {});
    assert.equal(definitions.map((d) => d['name']), model.definitions.map((d) => d.name));
    for (const [i, d] of model.definitions.entries()) {
      const tf = definitions[i] as Record<string, unknown>;
      const label = `terraform/${scope} ${d.properties.metadata.ruleCode}`;
      assert.equal(JSON.parse(terraformLiteral(tf['policy_rule'], label)), plain(d.properties.policyRule), `${label} policy_rule`);
      assert.equal(JSON.parse(terraformLiteral(tf['parameters'], label)), plain(d.properties.parameters), `${label} parameters`);
      assert.equal(JSON.parse(terraformLiteral(tf['metadata'], label)), plain(d.properties.metadata), `${label} metadata`);
      assert.is(terraformLiteral(tf['display_name'], label), d.properties.displayName);
      assert.is(terraformLiteral(tf['description'], label), d.properties.description);
      assert.is(tf['mode'], d.properties.mode);
    }
    const setType = scope === 'management-group' ? 'azurerm_management_group_policy_set_definition' : 'azurerm_policy_set_definition';
    const set = config.resource[setType]?.['sigil'] as { parameters: string; policy_definition_reference: Record<string, unknown>[] };
    assert.equal(JSON.parse(terraformLiteral(set.parameters, 'set parameters')), plain(model.initiative.parameters));
    const names = Object.keys(config.resource['azurerm_policy_definition'] ?? {});
    set.policy_definition_reference.forEach((ref, i) => {
      assert.is(ref['policy_definition_id'], `\${azurerm_policy_definition.${names[i]}.id}`);
      assert.is(ref['reference_id'], model.initiative.references[i]?.policyDefinitionReferenceId);
    });
    const assignmentType = scope === 'management-group' ? 'azurerm_management_group_policy_assignment' : 'azurerm_subscription_policy_assignment';
    const messages = (config.resource[assignmentType]?.['sigil'] as { non_compliance_message: { content: string }[] }).non_compliance_message;
    assert.equal(messages.map((m) => terraformLiteral(m.content, 'message')), model.assignment.nonComplianceMessages.map((m) => m.message));
    // sigil's Terraform frontend reads the module without an input error.
    const graph = new ResourceGraph();
    loadTerraform([{ path, explicit: true }], graph, {});
    assert.equal(graph.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], `terraform/${scope}`);
  }
}

function assertEpac(dir: string, model: PolicyModel): void {
  const base = join(dir, 'epac', 'Definitions');
  const files = readdirSync(join(base, 'policyDefinitions', 'sigil')).sort();
  assert.is(files.length, model.definitions.length);
  for (const d of model.definitions) {
    const file = join(base, 'policyDefinitions', 'sigil', `${d.properties.metadata.ruleCode}-${d.properties.metadata.ruleName}.jsonc`);
    const { $schema, ...rest } = readJsonc(file) as { $schema: string };
    assert.is($schema, 'https://raw.githubusercontent.com/Azure/enterprise-azure-policy-as-code/main/Schemas/policy-definition-schema.json');
    assert.equal(rest, plain(d));
  }
  const set = readJsonc(join(base, 'policySetDefinitions', 'sigil', 'sigil-compute-gallery.jsonc')) as { name: string; properties: { policyDefinitions: { policyDefinitionName: string }[] } };
  assert.is(set.name, model.initiative.name);
  // What EPAC's policy set schema allows (additionalProperties: false), and its effect parameter type.
  const setProperties = (set as unknown as { properties: Record<string, unknown> }).properties;
  assert.equal(Object.keys(setProperties), ['displayName', 'description', 'metadata', 'parameters', 'policyDefinitionGroups', 'policyDefinitions']);
  assert.equal(setProperties['policyDefinitionGroups'], model.initiative.groups.map((g) => ({ name: g.name })));
  for (const d of model.definitions) assert.is(d.properties.parameters['effect']?.type, 'string');
  assert.equal(set.properties.policyDefinitions.map((r) => r.policyDefinitionName), model.definitions.map((d) => d.name));
  const assignment = readJsonc(join(base, 'policyAssignments', 'sigil-compute-gallery.jsonc')) as { definitionEntry: { policySetName: string }; nonComplianceMessages: unknown };
  assert.is(assignment.definitionEntry.policySetName, model.initiative.name);
  assert.equal(assignment.nonComplianceMessages, plain(model.assignment.nonComplianceMessages));
}

function assertAz(dir: string, model: PolicyModel): void {
  const script = join(dir, 'az', 'create-definitions.sh');
  const syntax = spawnSync('sh', ['-n', script], { encoding: 'utf8' });
  assert.is(syntax.status, 0, syntax.stderr);
  const text = readFileSync(script, 'utf8');
  assert.is(text.split('az policy definition create ').length - 1, model.definitions.length);
  for (const d of model.definitions) {
    const stem = `${d.properties.metadata.ruleCode}-${d.properties.metadata.ruleName}`;
    assert.equal(JSON.parse(readFileSync(join(dir, 'az', `${stem}.rules.json`), 'utf8')), plain(d.properties.policyRule));
    assert.equal(JSON.parse(readFileSync(join(dir, 'az', `${stem}.params.json`), 'utf8')), plain(d.properties.parameters));
    const start = text.indexOf(`az policy definition create --name ${d.name} `);
    assert.ok(start >= 0, `${stem}: its command`);
    const command = text.slice(start, text.indexOf(' "$@"', start));
    assert.ok(command.endsWith(`--rules ${stem}.rules.json --params ${stem}.params.json`), command.slice(-200));
    // The shell reads the quoted arguments back as written (quotes, $, backslashes, newlines).
    const words = spawnSync('sh', ['-c', `set -- ${command.slice('az policy definition create '.length)}; printf '%s\\0' "$@"`], { encoding: 'utf8' });
    const args = words.stdout.split('\0');
    const value = (flag: string) => args[args.indexOf(flag) + 1];
    assert.is(value('--display-name'), d.properties.displayName);
    assert.is(value('--description'), d.properties.description);
    assert.is(value('--mode'), d.properties.mode);
    assert.ok(args.includes(`ruleCode=${d.properties.metadata.ruleCode}`) && args.includes(`version=${d.properties.metadata.version}`), `${stem}: metadata`);
  }
}

function assertAll(dir: string, model: PolicyModel): void {
  for (const d of model.definitions) {
    const file = join(dir, 'definitions', `${d.properties.metadata.ruleCode}-${d.properties.metadata.ruleName}.json`);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')), plain(d));
  }
  assertArm(dir, model);
  assertBicep(dir, model);
  assertTerraform(dir, model);
  assertEpac(dir, model);
  assertAz(dir, model);
}

const test = suite('policy deployment formats');

test('sigil policy build writes every format, and each deploys the plain definitions', async () => {
  const built = await buildToTemp();
  try {
    assert.is(built.code, 0, built.stderr);
    const { model } = builtinPolicyModel();
    assert.match(built.stdout, new RegExp(`^sigil: wrote ${model.definitions.length} policy definitions, the initiative and its deployment files \\(\\d+ files\\) to `));
    assert.equal([...readDefinitions(built.dir).keys()], model.definitions.map((d) => d.properties.metadata.ruleCode));
    assertAll(built.dir, model);
  } finally {
    rmSync(built.dir, { recursive: true, force: true });
  }
});

test("escaping: quotes, ${, %{, backslashes, newlines and [[ survive every format", () => {
  const model = sampleModel();
  const dir = mkdtempSync(join(tmpdir(), 'sigil-policy-sample-'));
  try {
    writePolicyFiles(dir, policyFiles(model));
    assertAll(dir, model);
    // The escapes are really there (a format that needs none would pass the round trip by luck).
    const arm = readFileSync(join(dir, 'arm', 'subscription.json'), 'utf8');
    assert.match(arm, '"notEquals": "[[[literal-brackets]"');
    assert.match(arm, '"effect": "[[parameters(\'effect\')]"');
    const bicep = readFileSync(join(dir, 'bicep', 'subscription.bicep'), 'utf8');
    assert.match(bicep, "value: '[concat(\\'it\\'\\'s \\', \\'\\${x}\\', \\' %{y} \\\\ \\')]'");
    const tf = readFileSync(join(dir, 'terraform', 'subscription', 'main.tf.json'), 'utf8');
    assert.match(tf, '$${x}');
    assert.match(tf, '%%{y}');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
