import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Resource, Unknown, type Dependency } from '@sigil/core';
import { run } from './helpers.js';

/** A gallery (a mapped type, so it is a resource of the graph) with extra arguments. */
const gallery = (name: string, extra: Record<string, unknown> = {}) => ({ name, resource_group_name: 'rg', location: 'westeurope', ...extra });

/** A resource's dependencies as labels, Unknown entries as `?`. */
function dependencies(files: Record<string, unknown>, label: string): string[] {
  const w = run({ 'main.tf.json': files }, { codes: [] });
  const r = w.graph.resources.find((x) => x.label === label);
  assert.ok(r, `resource ${label}`);
  return r.dependsOn.map((d: Dependency) => (d instanceof Resource ? d.label : d instanceof Unknown ? '?' : JSON.stringify(d))).sort();
}

test('a reference in any argument, nested block or instance index is a dependency on every instance of the block', () => {
  const deps = dependencies({
    resource: {
      azurerm_shared_image_gallery: {
        a: gallery('a', { count: 2 }),
        b: gallery('b'),
        c: gallery('c', { tags: { x: '${azurerm_shared_image_gallery.a[0].id}' }, sharing: { permission: 'Groups', community_gallery: { eula: '${azurerm_shared_image_gallery.b.unique_name}' } } }),
      },
    },
  }, 'azurerm_shared_image_gallery.c');
  assert.equal(deps, ['azurerm_shared_image_gallery.a[0]', 'azurerm_shared_image_gallery.a[1]', 'azurerm_shared_image_gallery.b']);
});

test('depends_on and replace_triggered_by are bare references; ignore_changes names attributes, not resources', () => {
  const deps = dependencies({
    resource: {
      azurerm_shared_image_gallery: {
        a: gallery('a'),
        b: gallery('b'),
        tags: gallery('tags'),
        c: gallery('c', { depends_on: ['azurerm_shared_image_gallery.a'], lifecycle: { replace_triggered_by: ['azurerm_shared_image_gallery.b.id'], ignore_changes: ['tags'] } }),
      },
    },
  }, 'azurerm_shared_image_gallery.c');
  assert.equal(deps, ['azurerm_shared_image_gallery.a', 'azurerm_shared_image_gallery.b']);
});

test('locals, data sources and blocks sigil does not map pass their references on; variables refer to nothing', () => {
  const deps = dependencies({
    variable: { v: { default: 'x' } },
    locals: { l: '${azurerm_shared_image_gallery.a.name}' },
    data: { azurerm_resource_group: { rg: { name: '${azurerm_shared_image_gallery.b.name}' } } },
    resource: {
      azurerm_storage_account: { unmapped: { name: '${azurerm_shared_image_gallery.base.name}' } },
      azurerm_shared_image_gallery: {
        a: gallery('a'),
        b: gallery('b'),
        base: gallery('base'),
        c: gallery('c', { tags: { l: '${local.l}', d: '${data.azurerm_resource_group.rg.id}', u: '${azurerm_storage_account.unmapped.id}', v: '${var.v}' } }),
      },
    },
  }, 'azurerm_shared_image_gallery.c');
  assert.equal(deps, ['azurerm_shared_image_gallery.a', 'azurerm_shared_image_gallery.b', 'azurerm_shared_image_gallery.base']);
});

test('dependencies are direct: SIG003 follows them from resource to resource', () => {
  const files = {
    resource: {
      azurerm_shared_image_gallery: {
        base: gallery('base'),
        mid: gallery('mid', { tags: { x: '${azurerm_shared_image_gallery.base.id}' } }),
        c: gallery('c', { tags: { x: '${azurerm_shared_image_gallery.mid.id}' } }),
      },
    },
  };
  assert.equal(dependencies(files, 'azurerm_shared_image_gallery.c'), ['azurerm_shared_image_gallery.mid']);
  assert.equal(dependencies(files, 'azurerm_shared_image_gallery.mid'), ['azurerm_shared_image_gallery.base']);
});

test('a for expression\'s names hide nothing of the module; each and count refer to nothing', () => {
  const deps = dependencies({
    resource: {
      azurerm_shared_image_gallery: {
        a: gallery('a'),
        c: gallery('c', { for_each: { k: 'v' }, tags: { x: '${join(",", [for each_item in [azurerm_shared_image_gallery.a.name]: each_item])}', k: '${each.key}' } }),
      },
    },
  }, 'azurerm_shared_image_gallery.c["k"]');
  assert.equal(deps, ['azurerm_shared_image_gallery.a']);
});

for (const [what, value] of [
  ['a module output', '${module.naming.tag}'],
  ['a splat', '${azurerm_shared_image_gallery.a[*].id}'],
  ['a template directive', '%{ if true }x%{ endif }'],
  ['an undeclared data source', '${data.azurerm_resource_group.missing.id}'],
] as const) {
  test(`${what} may be any resource: the dependencies are unknown`, () => {
    const deps = dependencies({ resource: { azurerm_shared_image_gallery: { a: gallery('a'), c: gallery('c', { tags: { x: value } }) } } }, 'azurerm_shared_image_gallery.c');
    assert.ok(deps.includes('?'), deps.join(', '));
  });
}

test('a chain of locals deeper than the depth limit is not followed: the dependency is unknown', () => {
  const locals: Record<string, string> = { l0: '${azurerm_shared_image_gallery.a.name}' };
  for (let i = 1; i <= 300; i++) locals[`l${i}`] = `\${local.l${i - 1}}`;
  const deps = dependencies({ locals, resource: { azurerm_shared_image_gallery: { a: gallery('a'), c: gallery('c', { tags: { x: '${local.l300}' } }) } } }, 'azurerm_shared_image_gallery.c');
  assert.equal(deps, ['?']);
});

test('the resources of one module evaluation share a run', () => {
  const w = run({ 'main.tf.json': { resource: { azurerm_shared_image_gallery: { a: gallery('a'), c: gallery('c', { depends_on: ['azurerm_shared_image_gallery.a'] }) } } } }, { codes: [] });
  const c = w.graph.resources.find((x) => x.label === 'azurerm_shared_image_gallery.c');
  const a = w.graph.resources.find((x) => x.label === 'azurerm_shared_image_gallery.a');
  assert.ok(c && a);
  assert.ok(c.run !== undefined && c.run === a.run, 'one run for a module evaluation');
});

test.run();
