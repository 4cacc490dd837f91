import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { run, lines, show, version } from './helpers.js';

const AZURERM = 'registry.terraform.io/hashicorp/azurerm';

const definition = (osType: string) => ({
  name: 'ubuntu', gallery_name: 'contoso_images', resource_group_name: 'rg-images', location: 'westeurope',
  os_type: osType, specialized: false, hyper_v_generation: 'V1', architecture: 'x64',
  identifier: [{ publisher: 'contoso', offer: 'ubuntu', sku: '22_04' }],
});

/** A plan in the format of `terraform show -json`, with `before`/`after` for each change. */
function plan(changes: { address: string; type: string; actions: string[]; before: unknown; after: unknown; beforeSensitive?: unknown; afterSensitive?: unknown; replacePaths?: unknown[] }[]): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: changes.map((c) => ({
      address: c.address,
      mode: 'managed',
      type: c.type,
      name: c.address.split('.').pop(),
      provider_name: AZURERM,
      change: {
        actions: c.actions,
        before: c.before,
        after: c.after,
        after_unknown: c.after ? { id: true } : {},
        before_sensitive: c.beforeSensitive ?? (c.before ? {} : false),
        after_sensitive: c.afterSensitive ?? (c.after ? {} : false),
        ...(c.replacePaths ? { replace_paths: c.replacePaths } : {}),
      },
      ...(c.replacePaths ? { action_reason: 'replace_because_cannot_update' } : {}),
    })),
    configuration: { provider_config: { azurerm: { name: 'azurerm', full_name: AZURERM, expressions: { subscription_id: { constant_value: '00000000-0000-0000-0000-000000000000' } } } }, root_module: { resources: [] } },
  };
}

const replaced = plan([
  { address: 'azurerm_shared_image.ubuntu', type: 'azurerm_shared_image', actions: ['delete', 'create'], before: definition('Windows'), after: definition('Linux'), replacePaths: [['os_type']] },
  { address: 'azurerm_shared_image_version.v1', type: 'azurerm_shared_image_version', actions: ['no-op'], before: version({}), after: version({}) },
]);

const s = suite('plan changes');

s('each resource change is in the change set: action, state before, the ARM path that forces a replace', () => {
  const w = run({ 'plan.json': replaced }, { codes: [] });
  const changes = w.graph.changes.all.map((c) => ({
    action: c.action,
    origin: c.origin,
    label: (c.after ?? c.before)?.label,
    before: show(c.before?.get(['properties', 'osType'])),
    after: show(c.after?.get(['properties', 'osType'])),
    replacePaths: c.replacePaths,
  }));
  assert.equal(changes, [
    { action: 'replace', origin: 'plan', label: 'azurerm_shared_image.ubuntu', before: 'Windows', after: 'Linux', replacePaths: [['properties', 'osType']] },
    { action: 'noop', origin: 'plan', label: 'azurerm_shared_image_version.v1', before: undefined, after: undefined, replacePaths: undefined },
  ]);
  // The state before is not a resource of the graph: only what the plan leaves is linted.
  assert.equal(w.graph.resources.map((r) => r.label), ['azurerm_shared_image.ubuntu', 'azurerm_shared_image_version.v1']);
});

s('with the configuration linted too, the replace is reported on the configuration line', () => {
  const w = run({
    'plan.json': replaced,
    'main.tf.json': { resource: { azurerm_shared_image: { ubuntu: { ...definition('Linux'), identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '22_04' } } } } },
  }, { codes: ['SIG005'] });
  assert.equal(lines(w), [
    'SIG005 main.tf.json:9:20-9:27 Terraform replaces the image definition "contoso_images/ubuntu" because osType changes from "Windows" to "Linux", but it still has image versions "contoso_images/ubuntu/1.0.0": the delete fails; create a new image definition under another name, or delete its image versions first',
  ]);
});

s('sensitive values before the change are Unknown, never shown or compared', () => {
  const w = run({
    'plan.json': plan([
      { address: 'azurerm_shared_image.ubuntu', type: 'azurerm_shared_image', actions: ['update'], before: definition('Windows'), after: definition('Linux'), beforeSensitive: { os_type: true } },
    ]),
  }, { codes: ['SIG204'] });
  assert.equal(lines(w), []);
  assert.equal(show(w.graph.changes.all[0]?.before?.get(['properties', 'osType'])), '<unknown: sensitive: not shown>');
});

s('sensitive values after the change are Unknown, never shown or compared', () => {
  const change = (afterSensitive?: unknown) => plan([
    { address: 'azurerm_shared_image.ubuntu', type: 'azurerm_shared_image', actions: ['update'], before: definition('Windows'), after: definition('Linux'), afterSensitive },
  ]);
  // The same change with nothing sensitive is a finding that quotes the value after the change.
  assert.equal(lines(run({ 'plan.json': change() }, { codes: ['SIG204'] })).map((l) => l.includes('"Linux"')), [true]);
  const w = run({ 'plan.json': change({ os_type: true }) }, { codes: ['SIG204'] });
  assert.equal(lines(w), []);
  assert.equal(show(w.graph.changes.all[0]?.after?.get(['properties', 'osType'])), '<unknown: sensitive: not shown>');
  // The state after is also what the other rules lint: the value is Unknown there too.
  assert.equal(show(w.graph.resources[0]?.get(['properties', 'osType'])), '<unknown: sensitive: not shown>');
});

s('no message quotes a sensitive value: in resource_changes (sensitive and unknown, sensitive wins) and in planned_values', () => {
  const SECRET = 'S3cret Publisher';
  const withPublisher = (publisher: string) => ({ ...definition('Linux'), identifier: [{ publisher, offer: 'ubuntu', sku: '22_04' }] });
  const changes = (afterSensitive?: unknown, afterUnknown?: unknown) => {
    const p = plan([{ address: 'azurerm_shared_image.ubuntu', type: 'azurerm_shared_image', actions: ['create'], before: null, after: withPublisher(SECRET), afterSensitive }]);
    if (afterUnknown) ((p.resource_changes as { change: Record<string, unknown> }[])[0] as { change: Record<string, unknown> }).change.after_unknown = afterUnknown;
    return p;
  };
  const planned = (sensitiveValues?: unknown) => ({
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: { resources: [{ address: 'azurerm_shared_image.ubuntu', mode: 'managed', type: 'azurerm_shared_image', name: 'ubuntu', provider_name: AZURERM, values: withPublisher(SECRET), ...(sensitiveValues ? { sensitive_values: sensitiveValues } : {}) }] } },
  });
  // Without the marks, the publisher is reported, quoted.
  for (const p of [changes(), planned({ identifier: [{}] })]) {
    assert.equal(lines(run({ 'plan.json': p }, { codes: ['SIG202'] })).map((l) => l.includes(`"${SECRET}"`)), [true]);
  }
  const marked = { identifier: [{ publisher: true }] };
  for (const p of [changes(marked), changes(marked, { id: true, identifier: [{ publisher: true }] }), changes({ identifier: true }), planned(marked)]) {
    const w = run({ 'plan.json': p });
    assert.equal(w.findings.filter((f) => f.message.includes('S3cret')).map((f) => f.message), []);
    assert.equal(w.findings.filter((f) => f.code === 'SIG202').map((f) => f.message), []);
    assert.equal(show(w.graph.resources[0]?.get(['properties', 'identifier', 'publisher'])), '<unknown: sensitive: not shown>');
  }
});

s('a wholly sensitive state after: nothing of the resource is known, so nothing is reported (not its attributes as missing)', () => {
  const whole = plan([{ address: 'azurerm_shared_image.ubuntu', type: 'azurerm_shared_image', actions: ['update'], before: definition('Windows'), after: definition('Linux'), afterSensitive: true }]);
  const w = run({ 'plan.json': whole });
  assert.equal(lines(w), []);
  assert.equal(w.graph.resources.map((r) => r.label), []);
  const planned = run({
    'plan.json': {
      format_version: '1.2',
      terraform_version: '1.9.8',
      planned_values: { root_module: { resources: [{ address: 'azurerm_shared_image.ubuntu', mode: 'managed', type: 'azurerm_shared_image', name: 'ubuntu', provider_name: AZURERM, values: definition('Linux'), sensitive_values: true }] } },
    },
  });
  assert.equal(lines(planned), []);
  assert.equal(planned.graph.resources.map((r) => r.label), []);
});

s('a delete: the state before only, located in the plan; a create has no state before', () => {
  const w = run({
    'plan.json': plan([
      { address: 'azurerm_shared_image.ubuntu', type: 'azurerm_shared_image', actions: ['delete'], before: definition('Windows'), after: null },
      { address: 'azurerm_shared_image_version.v2', type: 'azurerm_shared_image_version', actions: ['create'], before: null, after: version({ name: '2.0.0' }) },
    ]),
  }, { codes: [] });
  assert.equal(w.graph.changes.all.map((c) => [c.action, c.before?.label, c.after?.label, c.before?.declaration.path]), [
    ['delete', 'azurerm_shared_image.ubuntu', undefined, ['resource_changes', 0]],
    ['create', undefined, 'azurerm_shared_image_version.v2', undefined],
  ]);
  assert.equal(w.graph.resources.map((r) => r.label), ['azurerm_shared_image_version.v2']);
});

s.run();
