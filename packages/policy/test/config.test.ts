import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileCondition, defineRule, type Resource } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import { lintFiles } from '@sigil/cli';
import { repoRoot } from '@sigil/testing';
import { buildPolicyModel, builtinPolicyModel, bump, definitionName, readLock, LOCK_FILE, type Initiative, type PolicyDefinition } from '../src/index.js';
import { inTemp, parameterDefaults, policyRuleValidator, readDefinitions, readJsonc, run } from './helpers.js';

/**
 * `sigil policy build` reads the whole `.sigil.yaml`, as `sigil lint` does: custom rules become
 * definitions, rules turned off are left out, configured severities choose the default effects.
 */
const test = suite('policy build with a .sigil.yaml (custom rules, off, severity)');
const NOW = new Date('2026-06-01T00:00:00Z');

const CONFIG = `rules:
  SIG101: warning                 # error -> warning: the default effect becomes Audit
  target-regions-unique: off      # SIG303, by name
  ACME001: error                  # the custom rule's warning raised: Deny
  ACME002: off
customRules:
  - rules/acme.yaml
  - code: ACME002
    name: gallery-in-europe
    title: Galleries are in Europe
    severity: error
    resourceTypes: [Microsoft.Compute/galleries]
    summary: Data stays in Europe.
    fix: Use a European region.
    condition: { field: location, notIn: [westeurope, northeurope] }
`;

const RULE_FILE = `# the platform team's rules
- code: ACME001
  name: gallery-prefix
  title: Galleries are named gal_ and described
  severity: warning
  version: 1.2.0
  resourceTypes: [Microsoft.Compute/galleries]
  summary: The platform team finds its galleries by the gal_ prefix and their description.
  fix: Name the gallery gal_<team> and say what it holds in its description.
  messages:
    prefix: Gallery name "{value}" does not start with "gal_"
    description: Gallery "{name}" has no description
  condition:
    anyOf:
      - field: name
        notLike: gal_*
        messageId: prefix
      - field: Microsoft.Compute/galleries/description
        exists: false
        messageId: description
`;

/** ACME001's condition as Azure Policy receives it: the type test, then the condition without messageId. */
const ACME001_IF = {
  allOf: [
    { field: 'type', equals: 'Microsoft.Compute/galleries' },
    { anyOf: [{ field: 'name', notLike: 'gal_*' }, { field: 'Microsoft.Compute/galleries/description', exists: false }] },
  ],
};

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const gallery = (name: string, description?: string) => ({
  type: 'Microsoft.Compute/galleries',
  apiVersion: '2024-03-03',
  name,
  location: 'westeurope',
  ...(description ? { properties: { description } } : {}),
});
const bicepGallery = (symbol: string, name: string, description?: string) =>
  `resource ${symbol} 'Microsoft.Compute/galleries@2024-03-03' = {\n  name: '${name}'\n  location: 'westeurope'\n${description ? `  properties: {\n    description: '${description}'\n  }\n` : ''}}\n`;

/**
 * A small fixture in ARM and Bicep: a gallery each rule accepts (gal_team), one per ACME001 branch
 * (images_shared, gal_nodesc), one SIG101 finds (gal_team-b), and the image version of SIG303's
 * `literal` fixture (duplicate target regions; its gallery contoso_images has no gal_ prefix).
 */
function fixtureFiles(): Record<string, string> {
  const sig303 = join(repoRoot(), 'fixtures', 'target-regions-unique', 'invalid', 'literal');
  return {
    '.sigil.yaml': CONFIG,
    'rules/acme.yaml': RULE_FILE,
    'galleries.json': JSON.stringify({
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      resources: [gallery('gal_team', 'Team images'), gallery('images_shared', 'Shared images'), gallery('gal_nodesc'), gallery('gal_team-b', 'Team B images')],
    }, null, 2),
    'galleries.bicep': [bicepGallery('a', 'gal_team', 'Team images'), bicepGallery('b', 'images_shared', 'Shared images'), bicepGallery('c', 'gal_nodesc'), bicepGallery('d', 'gal_team-b', 'Team B images')].join('\n'),
    'versions/main.json': readFileSync(join(sig303, 'main.json'), 'utf8'),
    'versions/main.bicep': readFileSync(join(sig303, 'main.bicep'), 'utf8'),
  };
}
const FIXTURE_FILES = ['galleries.json', 'galleries.bicep', 'versions/main.json', 'versions/main.bicep'];

const conditionRules = builtinRules.all.filter((r) => r.policy);

test('custom rule, a rule off, severity changes: the definitions, the initiative and the output say so', () =>
  inTemp(fixtureFiles(), async (dir) => {
    const lockBefore = readFileSync(LOCK_FILE, 'utf8');
    const r = await run(['policy', 'build', '--out', 'out'], dir);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stderr, '');
    const lines = r.stdout.split('\n');
    assert.match(lines[0] as string, new RegExp(`^sigil: wrote ${conditionRules.length} policy definitions, the initiative and its deployment files \\(\\d+ files\\) to out$`));
    // First the rules Azure Policy cannot express, each with its reason; then the rules turned off.
    const noPolicy = builtinRules.all.filter((r) => !r.policy).map((r) => `  ${r.code} has no policy definition: ${(r.meta.policy as { reason: string }).reason}`);
    assert.equal(lines.slice(1), [
      ...noPolicy,
      '  SIG303 is turned off in .sigil.yaml: no policy definition, not in the initiative',
      '  ACME002 is turned off in .sigil.yaml: no policy definition, not in the initiative',
      '',
    ]);

    const definitions = readDefinitions(join(dir, 'out'));
    const acme = definitions.get('ACME001') as PolicyDefinition;
    assert.ok(existsSync(join(dir, 'out', 'definitions', 'ACME001-gallery-prefix.json')));
    assert.is(acme.name, definitionName('ACME001'));
    assert.equal(acme.properties.policyRule, { if: ACME001_IF, then: { effect: "[parameters('effect')]" } });
    assert.is(policyRuleValidator()(acme.properties.policyRule), undefined);
    // No docs URL (the rule lives in the user's repository); the version is the rule's own.
    assert.equal(acme.properties.metadata, { version: '1.2.0', category: 'Compute', source: 'sigil', ruleCode: 'ACME001', ruleName: 'gallery-prefix', severity: 'error' });
    assert.is(acme.properties.displayName, 'ACME001: Galleries are named gal_ and described');
    assert.is(acme.properties.description, 'The platform team finds its galleries by the gal_ prefix and their description.');
    assert.is(acme.properties.parameters['effect']?.defaultValue, 'Deny');

    // Turned off: no file, no reference, no parameter, no message, in any format.
    for (const file of ['definitions/SIG303-target-regions-unique.json', 'definitions/ACME002-gallery-in-europe.json', 'az/SIG303-target-regions-unique.rules.json']) {
      assert.not.ok(existsSync(join(dir, 'out', file)), file);
    }
    assert.equal([...definitions.keys()].filter((c) => c === 'SIG303' || c === 'ACME002'), []);
    for (const file of ['arm/subscription.json', 'bicep/management-group.bicep', 'terraform/subscription/main.tf.json', 'az/create-definitions.sh']) {
      const text = readFileSync(join(dir, 'out', file), 'utf8');
      assert.ok(text.includes(definitionName('ACME001')), `${file} deploys ACME001`);
      assert.not.ok(text.includes(definitionName('SIG303')), `${file} deploys SIG303`);
      assert.not.ok(text.includes(definitionName('ACME002')), `${file} deploys ACME002`);
    }

    // Severity: SIG101 error -> warning audits; SIG302 keeps its Deny; versions move from the lock.
    const lock = readLock();
    const sig101 = definitions.get('SIG101') as PolicyDefinition;
    assert.is(builtinPolicyModel().model.definitions.find((d) => d.properties.metadata.ruleCode === 'SIG101')?.properties.parameters['effect']?.defaultValue, 'Deny');
    assert.is(sig101.properties.parameters['effect']?.defaultValue, 'Audit');
    assert.is(sig101.properties.metadata.severity, 'warning');
    assert.is(sig101.properties.metadata.version, bump(lock['SIG101']?.version as string, 'minor'));
    assert.is(definitions.get('SIG302')?.properties.parameters['effect']?.defaultValue, 'Deny');
    assert.is(definitions.get('SIG302')?.properties.metadata.version, lock['SIG302']?.version);

    const set = readJsonc(join(dir, 'out', 'epac', 'Definitions', 'policySetDefinitions', 'sigil', 'sigil-compute-gallery.jsonc')) as {
      properties: { parameters: Initiative['parameters']; policyDefinitionGroups: { name: string }[]; policyDefinitions: { policyDefinitionReferenceId: string; policyDefinitionName: string; groupNames: string[]; parameters: unknown }[] };
    };
    const references = set.properties.policyDefinitions;
    assert.equal(references.find((d) => d.policyDefinitionName === acme.name), {
      policyDefinitionReferenceId: 'ACME001-gallery-prefix',
      policyDefinitionName: definitionName('ACME001'),
      groupNames: ['custom'],
      parameters: { effect: { value: "[parameters('ACME001_effect')]" } },
    });
    assert.ok(set.properties.policyDefinitionGroups.some((g) => g.name === 'custom'));
    assert.equal(references.filter((d) => /^(SIG303|ACME002)-/.test(d.policyDefinitionReferenceId)), []);
    assert.equal(references.map((d) => d.policyDefinitionName).sort(), [...definitions.values()].map((d) => d.name).sort());
    const parameters = set.properties.parameters;
    assert.is(parameters['ACME001_effect']?.defaultValue, 'Deny');
    assert.is(parameters['SIG101_effect']?.defaultValue, 'Audit');
    assert.is(parameters['SIG302_effect']?.defaultValue, 'Deny');
    assert.is(parameters['SIG303_effect'], undefined);
    assert.is(parameters['ACME002_effect'], undefined);

    const assignment = readJsonc(join(dir, 'out', 'epac', 'Definitions', 'policyAssignments', 'sigil-compute-gallery.jsonc')) as { nonComplianceMessages: { message: string; policyDefinitionReferenceId: string }[] };
    assert.equal(assignment.nonComplianceMessages.find((m) => m.policyDefinitionReferenceId === 'ACME001-gallery-prefix'), {
      message: 'ACME001 gallery-prefix: Galleries are named gal_ and described. Name the gallery gal_<team> and say what it holds in its description.',
      policyDefinitionReferenceId: 'ACME001-gallery-prefix',
    });
    assert.not.ok(assignment.nonComplianceMessages.some((m) => /^(SIG303|ACME002)-/.test(m.policyDefinitionReferenceId)));

    // A user's build never writes sigil's version lock.
    assert.is(readFileSync(LOCK_FILE, 'utf8'), lockBefore);
  }));

/** `code file resource` for each policy that denies a fixture resource (Azure's deny: true or an error). */
function policyDenials(definitions: ReadonlyMap<string, PolicyDefinition>, resources: readonly Resource[]): string[] {
  const out: string[] = [];
  for (const [code, d] of definitions) {
    if (d.properties.policyRule.then.details !== undefined) continue; // AuditIfNotExists: see differential.test.ts
    const compiled = compileCondition(d.properties.policyRule.if);
    for (const resource of resources) {
      const verdict = compiled.evaluate({ resource, parameters: parameterDefaults(d), now: NOW }).verdict;
      if (verdict === 'true' || verdict === 'error') out.push(`${code} ${basename(resource.file)} ${resource.type} ${String(resource.fullName)}`);
    }
  }
  return [...new Set(out)].sort();
}

test('differential: the definitions read back from disk deny exactly what sigil lint reports with the same config', () =>
  inTemp(fixtureFiles(), async (dir) => {
    const built = await run(['policy', 'build', '--out', 'out'], dir);
    assert.is(built.code, 0, built.stderr);
    const definitions = readDefinitions(join(dir, 'out'));
    const lint = await run(['lint', '--format', 'json', '--now', NOW.toISOString(), '.'], dir);
    assert.is(lint.code, 1, lint.stderr);
    const findings = (JSON.parse(lint.stdout) as { findings: { code: string; severity: string; file: string; resource: { type: string; name: string } }[] }).findings;
    const reported = [...new Set(findings.filter((f) => definitions.has(f.code)).map((f) => `${f.code} ${basename(f.file)} ${f.resource.type} ${f.resource.name}`))].sort();

    const { graph } = lintFiles(FIXTURE_FILES.map((f) => ({ path: join(dir, f), explicit: false })), { rules: [], now: NOW });
    const resources = graph.resources.filter((r) => r.deployed);
    const denied = policyDenials(definitions, resources);
    assert.equal(denied, reported);
    // Not vacuous: the custom rule's two branches and the configured SIG101, in both formats.
    const expected = [
      'ACME001 galleries.bicep Microsoft.Compute/galleries gal_nodesc',
      'ACME001 galleries.bicep Microsoft.Compute/galleries images_shared',
      'ACME001 galleries.json Microsoft.Compute/galleries gal_nodesc',
      'ACME001 galleries.json Microsoft.Compute/galleries images_shared',
      'ACME001 main.bicep Microsoft.Compute/galleries contoso_images',
      'ACME001 main.json Microsoft.Compute/galleries contoso_images',
      'SIG101 galleries.bicep Microsoft.Compute/galleries gal_team-b',
      'SIG101 galleries.json Microsoft.Compute/galleries gal_team-b',
    ];
    assert.equal(denied, expected);
    assert.equal(findings.filter((f) => f.code === 'SIG101').map((f) => f.severity), ['warning', 'warning']);
    // The rule turned off would deny the image version: leaving it out is what keeps the two in step.
    const unconfigured = new Map(builtinPolicyModel().model.definitions.map((d) => [d.properties.metadata.ruleCode, d]));
    assert.equal(policyDenials(new Map([['SIG303', unconfigured.get('SIG303') as PolicyDefinition]]), resources), [
        'SIG303 main.bicep Microsoft.Compute/galleries/images/versions contoso_images/ubuntu-22.04/1.0.0',
      'SIG303 main.json Microsoft.Compute/galleries/images/versions contoso_images/ubuntu-22.04/1.0.0',
    ]);
  }));

test('a custom rule over Azure\'s limits stops the build (exit 2) naming the rule, its file and line; lint still runs it', () => {
  const counts = Array.from({ length: 11 }, (_, i) => `        - { count: { value: [a, b], name: v${i}, where: { value: "[current('v${i}')]", equals: a } }, greater: 1 }`).join('\n');
  const rules = `# too many value counts for Azure Policy\n- code: ACME003\n  name: many-counts\n  title: Many counts\n  severity: error\n  resourceTypes: [Microsoft.Compute/galleries]\n  summary: Eleven value counts.\n  fix: Use fewer.\n  condition:\n    anyOf:\n${counts}\n`;
  return inTemp({ '.sigil.yaml': 'customRules: [rules/acme.yaml]\n', 'rules/acme.yaml': rules, 'main.json': JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [gallery('gal_team', 'Team images')] }) }, async (dir) => {
    const r = await run(['policy', 'build', '--out', 'out'], dir);
    assert.equal(r, { code: 2, stdout: '', stderr: 'sigil: cannot generate valid policy definitions:\n  rules/acme.yaml:2:3: ACME003: 11 value counts; Azure allows 10\n' });
    assert.not.ok(existsSync(join(dir, 'out')));
    const lint = await run(['lint', '.'], dir);
    assert.is(lint.code, 0, lint.stderr + lint.stdout);
  });
});

test('a custom rule\'s version must be major.minor.patch: a configuration error at its line', () =>
  inTemp({ '.sigil.yaml': `customRules: [rules/acme.yaml]\n`, 'rules/acme.yaml': RULE_FILE.replace('version: 1.2.0', 'version: 1.2') }, async (dir) => {
    const r = await run(['policy', 'build', '--out', 'out'], dir);
    assert.equal(r, { code: 2, stdout: '', stderr: 'rules/acme.yaml:6:12: error: "version" must be a version of three numbers, such as 1.2.0\n' });
  }));

test('a version set outside the lock is neither read from nor written to it', () => {
  const rule = defineRule({
    code: 'ACME009',
    name: 'outside-the-lock',
    meta: { title: 'Outside the lock', severity: 'note', resourceTypes: ['Microsoft.Compute/galleries'], summary: 'A custom rule.', fix: 'Fix it.', azureErrors: [] },
    messages: { default: 'found' },
    condition: { field: 'location', equals: 'westeurope' },
  });
  const stale = { ACME009: { version: '7.0.0', hash: 'stale', parameters: { effect: 'string' } } };
  const built = buildPolicyModel([rule], { lock: stale, groupOf: () => 'custom', versionOf: () => '2.3.4' });
  assert.is(built.model.definitions[0]?.properties.metadata.version, '2.3.4');
  assert.is(built.model.definitions[0]?.properties.parameters['effect']?.defaultValue, 'Audit');
  assert.equal(Object.keys(built.lock), ['initiative']);
  assert.equal(built.changed, ['initiative']);
  // With a severity over the rule's note, the same rule denies.
  const raised = buildPolicyModel([rule], { lock: {}, groupOf: () => 'custom', versionOf: () => '2.3.4', severity: { ACME009: 'error' } });
  assert.is(raised.model.definitions[0]?.properties.parameters['effect']?.defaultValue, 'Deny');
  assert.is(raised.model.definitions[0]?.properties.metadata.severity, 'error');
});

test.run();
