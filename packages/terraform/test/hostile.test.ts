import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_LIMITS } from '@sigil/core';
import { parseTemplate, TerraformSyntaxError } from '../src/index.js';
import { run, lines, diagnostics, version } from './helpers.js';

test('invalid JSON in a .tf.json is an error with its line and column; the other files are still linted', () => {
  const w = run({
    'a/main.tf.json': '{\n  "resource": {\n    "azurerm_shared_image_gallery": { "g": { "name": "x" ,, } }\n  }\n}\n',
    'b/main.tf.json': { resource: { azurerm_shared_image_gallery: { g: { name: 'bad-name', resource_group_name: 'rg', location: 'westeurope' } } } },
  }, { codes: ['SIG101'] });
  assert.equal(diagnostics(w), ['error a/main.tf.json:3:59 invalid JSON: a property name in double quotes is expected']);
  assert.equal(lines(w), ['SIG101 b/main.tf.json:5:17-5:27 Gallery name "bad-name" contains "-"; use letters, digits, "_" and "."']);
});

test('an expression that does not parse is an error at its place', () => {
  const w = run({ 'main.tf.json': { resource: { azurerm_shared_image_gallery: { g: { name: '${var.x +}', resource_group_name: 'rg', location: 'westeurope' } } } } });
  assert.equal(diagnostics(w), ['error main.tf.json:5:17 invalid Terraform expression: a name is expected at "}"']);
});

test('a huge count is not expanded: one representative instance, and a note', () => {
  const w = run({ 'main.tf.json': { resource: { azurerm_shared_image_version: { v: version({ count: 100000000, name: '1.0', target_region: [] }) } } } }, { codes: ['SIG301'] });
  assert.equal(w.graph.resources.map((r) => r.label), ['azurerm_shared_image_version.v[*]']);
  assert.equal(lines(w).length, 1);
  assert.equal(diagnostics(w), [`note main.tf.json:11:18 a count of 100000000 is more than the ${DEFAULT_LIMITS.copyCount} instances sigil expands; one representative instance is checked`]);
});

test('strings doubled by locals stop at the string limit', () => {
  const locals: Record<string, string> = { l0: 'xxxxxxxxxxxxxxxx' };
  for (let i = 1; i <= 40; i++) locals[`l${i}`] = `\${local.l${i - 1}}\${local.l${i - 1}}`;
  const w = run({ 'main.tf.json': { locals, resource: { azurerm_shared_image_gallery: { g: { name: '${local.l40}', resource_group_name: 'rg', location: 'westeurope' } } } } });
  assert.equal(lines(w), []);
  assert.ok(diagnostics(w).some((d) => d.includes('exceeds the limit')), diagnostics(w).join('\n'));
});

test('a long chain of locals stops at the depth limit', () => {
  const locals: Record<string, string> = { l0: 'name' };
  for (let i = 1; i <= 1000; i++) locals[`l${i}`] = `\${local.l${i - 1}}`;
  const w = run({ 'main.tf.json': { locals, resource: { azurerm_shared_image_gallery: { g: { name: '${local.l1000}', resource_group_name: 'rg', location: 'westeurope' } } } } });
  assert.equal(lines(w), []);
  assert.ok(diagnostics(w).some((d) => d.includes(`nesting deeper than ${DEFAULT_LIMITS.depth} levels`)), diagnostics(w).join('\n'));
});

test('deeply nested expressions are refused by the parser, not by the stack', () => {
  assert.throws(() => parseTemplate(`\${${'['.repeat(10000)}${']'.repeat(10000)}}`), (e: unknown) => e instanceof TerraformSyntaxError);
});

test('a for expression over a huge range stops at the step budget', () => {
  const w = run({ 'main.tf.json': { resource: { azurerm_shared_image_gallery: { g: { name: '${length([for i in range(100000000) : i])}', resource_group_name: 'rg', location: 'westeurope' } } } } });
  assert.equal(diagnostics(w), [`note main.tf.json:5:17 evaluation stopped: evaluation stopped after ${DEFAULT_LIMITS.steps} steps`]);
});

test.run();
