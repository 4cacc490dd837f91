import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ResourceGraph, describePartial, isUnknown, DEFAULT_LIMITS, type Value } from '@sigil/core';
import { loadArm } from '../src/index.js';
import {
  DEPLOYMENT, GALLERY, IMAGE, VIRTUAL, diagnostics, load, plain, reasonOf, resource, show, summary, tempDir, template,
} from './helpers.js';

// ---- parameters ------------------------------------------------------------------------------

const parameters = suite('Template: parameters');

parameters('a default may reference another parameter; names are case-insensitive', () => {
  const { graph } = load(template({
    parameters: {
      env: { type: 'string', defaultValue: 'prod' },
      galleryName: { type: 'string', defaultValue: "[concat('gal', parameters('ENV'))]" },
      count: { type: 'int', defaultValue: 3 },
      tags: { type: 'object', defaultValue: { team: "[parameters('env')]" } },
    },
    resources: [{ type: GALLERY, apiVersion: '2022-03-03', name: "[parameters('galleryName')]", properties: { n: "[parameters('count')]", t: "[parameters('tags')]" } }],
  }));
  assert.equal(summary(graph), [`${GALLERY} | galprod | resources[0]`]);
  const r = resource(graph, 'resources[0]');
  assert.is(r.name, 'galprod');
  assert.equal(r.get(['properties']), { n: 3, t: { team: 'prod' } });
  assert.equal(diagnostics(graph), []);
});

parameters('a parameter without default or value is Unknown, naming the parameter', () => {
  const { graph } = load(template({
    parameters: { galleryName: { type: 'string' } },
    resources: [{ type: GALLERY, apiVersion: '2022-03-03', name: "[parameters('galleryName')]", location: "[concat(parameters('galleryName'), '-x')]" }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.is(reasonOf(r.fullName), 'parameter "galleryName" has no value (no default, and none supplied)');
  assert.is(reasonOf(r.name), 'parameter "galleryName" has no value (no default, and none supplied)');
  const location = r.get(['location']);
  assert.is(describePartial(location as string), '…-x');
  assert.equal(isUnknown(location) ? location.origin?.path : null, ['parameters', 'galleryName']);
  // Not knowing a value is not a problem of the template: no diagnostic.
  assert.equal(diagnostics(graph), []);
});

parameters('supplied values win over defaults; a default that refers to itself is Unknown', () => {
  const { graph } = load(template({
    parameters: {
      a: { type: 'string', defaultValue: 'default-a' },
      b: { type: 'string', defaultValue: 'default-b' },
      self: { type: 'string', defaultValue: "[parameters('self')]" },
      ping: { type: 'string', defaultValue: "[parameters('pong')]" },
      pong: { type: 'string', defaultValue: "[parameters('ping')]" },
    },
    resources: [{ type: GALLERY, apiVersion: 'x', name: "[parameters('a')]", properties: { b: "[parameters('b')]", self: "[parameters('self')]", ping: "[parameters('ping')]" } }],
  }), { parameters: [{ kind: 'inline', name: 'A', value: 'supplied-a' }] });
  const r = resource(graph, 'resources[0]');
  assert.is(r.fullName, 'supplied-a');
  assert.is(r.get(['properties', 'b']), 'default-b');
  assert.is(reasonOf(r.get(['properties', 'self'])), 'the default of "self" refers to itself');
  assert.is(reasonOf(r.get(['properties', 'ping'])), 'the default of "ping" refers to itself');
  assert.equal(diagnostics(graph), []);
});

parameters('an undeclared parameter: note and Unknown', () => {
  const { graph } = load(template({
    resources: [{ type: GALLERY, apiVersion: 'x', name: 'g', properties: { p: "[parameters('nope')]" } }],
  }));
  assert.is(reasonOf(resource(graph, 'resources[0]').get(['properties', 'p'])), 'parameters(): the template has no parameter "nope"');
  assert.equal(diagnostics(graph), [['note', 'this expression fails: parameters(): the template has no parameter "nope"', ['resources', 0, 'properties', 'p']]]);
});

parameters('secure parameters are always Unknown; their values are never echoed', () => {
  const { graph } = load(template({
    parameters: {
      password: { type: 'secureString', defaultValue: 'hunter2-default' },
      secrets: { type: 'secureObject', defaultValue: { key: 'hunter2-object' } },
      supplied: { type: 'securestring' },
    },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: 'g',
      properties: { p: "[parameters('password')]", o: "[parameters('secrets').key]", s: "[concat('x', parameters('supplied'))]", len: "[length(parameters('password'))]" },
    }],
  }), { parameters: [{ kind: 'inline', name: 'supplied', value: 'hunter2-supplied' }] });
  const r = resource(graph, 'resources[0]');
  assert.is(reasonOf(r.get(['properties', 'p'])), '"password" is a secure parameter; sigil does not read its value');
  assert.is(reasonOf(r.get(['properties', 'o'])), '"secrets" is a secure parameter; sigil does not read its value');
  assert.is(reasonOf(r.get(['properties', 's'])), '"supplied" is a secure parameter; sigil does not read its value');
  assert.is(reasonOf(r.get(['properties', 'len'])), '"password" is a secure parameter; sigil does not read its value');
  const everything = JSON.stringify(plain(r.body)) + JSON.stringify(graph.diagnostics);
  assert.not.ok(everything.includes('hunter2'), everything);
});

// ---- variables -------------------------------------------------------------------------------

const variables = suite('Template: variables');

variables('values, objects, references to parameters and other variables, case-insensitive', () => {
  const { graph } = load(template({
    parameters: { env: { type: 'string', defaultValue: 'dev' } },
    variables: {
      prefix: "[concat('gal', parameters('env'))]",
      Full: "[concat(variables('PREFIX'), '01')]",
      settings: { tier: 'Standard', names: ["[variables('full')]", 'literal'] },
      escaped: '[[not an expression]',
    },
    resources: [{ type: GALLERY, apiVersion: 'x', name: "[variables('full')]", properties: { s: "[variables('settings')]", e: "[variables('escaped')]" } }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.is(r.fullName, 'galdev01');
  assert.equal(r.get(['properties']), { s: { tier: 'Standard', names: ['galdev01', 'literal'] }, e: '[not an expression]' });
  assert.equal(diagnostics(graph), []);
});

variables('variables are lazy: a broken variable nobody uses reports nothing', () => {
  const { graph } = load(template({
    variables: { unused: "[parameters('nope')]", alsoUnused: "[variables('alsoUnused')]", used: 'ok' },
    resources: [{ type: GALLERY, apiVersion: 'x', name: "[variables('used')]" }],
  }));
  assert.is(resource(graph, 'resources[0]').fullName, 'ok');
  void resource(graph, 'resources[0]').body;
  assert.equal(diagnostics(graph), []);
});

variables('a cycle is a note and an Unknown, with no hang', () => {
  const { graph } = load(template({
    variables: { a: "[concat(variables('b'), 'x')]", b: "[variables('a')]", self: "[variables('self')]" },
    resources: [{ type: GALLERY, apiVersion: 'x', name: 'g', properties: { a: "[variables('a')]", self: "[variables('self')]", again: "[variables('b')]" } }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.is(reasonOf(r.get(['properties', 'a'])), 'variables(): "a" depends on itself');
  assert.is(reasonOf(r.get(['properties', 'self'])), 'variables(): "self" depends on itself');
  assert.is(reasonOf(r.get(['properties', 'again'])), 'variables(): "a" depends on itself');
  assert.equal(diagnostics(graph), [
    ['note', 'this expression fails: variables(): "a" depends on itself', ['variables', 'b']],
    ['note', 'this expression fails: variables(): "self" depends on itself', ['variables', 'self']],
  ]);
});

variables('an undeclared variable: note and Unknown', () => {
  const { graph } = load(template({ resources: [{ type: GALLERY, apiVersion: 'x', name: "[variables('nope')]" }] }));
  assert.is(reasonOf(resource(graph, 'resources[0]').fullName), 'variables(): the template has no variable "nope"');
  assert.equal(diagnostics(graph), [['note', 'this expression fails: variables(): the template has no variable "nope"', ['resources', 0, 'name']]]);
});

variables('top-level copy variables and copy inside a variable object', () => {
  const { graph } = load(template({
    parameters: { n: { type: 'int' } },
    variables: {
      copy: [
        { name: 'names', count: 3, input: "[concat('img-', copyIndex('names', 1))]" },
        { name: 'objects', count: 2, input: { index: "[copyIndex('objects')]", name: "[variables('names')[copyIndex('objects')]]" } },
        { name: 'unknownCount', count: "[parameters('n')]", input: 'x' },
      ],
      disks: { size: 32, copy: [{ name: 'dataDisks', count: 2, input: { lun: "[copyIndex('dataDisks')]", size: 32 } }] },
    },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: 'g',
      properties: { names: "[variables('names')]", objects: "[variables('objects')]", disks: "[variables('disks')]", u: "[variables('unknownCount')]" },
    }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.equal(r.get(['properties', 'names']), ['img-1', 'img-2', 'img-3']);
  assert.equal(r.get(['properties', 'objects']), [{ index: 0, name: 'img-1' }, { index: 1, name: 'img-2' }]);
  assert.equal(r.get(['properties', 'disks']), { size: 32, dataDisks: [{ lun: 0, size: 32 }, { lun: 1, size: 32 }] });
  assert.is(reasonOf(r.get(['properties', 'u'])), 'the count of copy loop "unknownCount" is not known: parameter "n" has no value (no default, and none supplied)');
  assert.equal(diagnostics(graph), []);
});

// ---- user functions and lambdas --------------------------------------------------------------

const functions = suite('Template: user functions and lambdas');

const userFunctions = [{
  namespace: 'contoso',
  members: {
    uniqueName: {
      parameters: [{ name: 'prefix', type: 'string' }, { name: 'n', type: 'int' }],
      output: { type: 'string', value: "[format('{0}-{1:D3}', toLower(parameters('prefix')), parameters('n'))]" },
    },
    constant: { parameters: [], output: { type: 'string', value: 'fixed' } },
    loop: { parameters: [{ name: 'x', type: 'int' }], output: { type: 'int', value: "[contoso.loop(add(parameters('x'), 1))]" } },
    ping: { parameters: [{ name: 'x', type: 'int' }], output: { type: 'int', value: "[contoso.pong(parameters('x'))]" } },
    pong: { parameters: [{ name: 'x', type: 'int' }], output: { type: 'int', value: "[contoso.ping(parameters('x'))]" } },
    noOutput: { parameters: [] },
  },
}];

functions('namespaced user functions with parameters (names case-insensitive)', () => {
  const { graph } = load(template({
    functions: userFunctions,
    resources: [{ type: GALLERY, apiVersion: 'x', name: "[contoso.uniqueName('GAL', 7)]", properties: { c: '[CONTOSO.Constant()]' } }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.is(r.fullName, 'gal-007');
  assert.is(r.get(['properties', 'c']), 'fixed');
  assert.equal(diagnostics(graph), []);
});

functions('recursion is bounded; wrong use is a note and an Unknown', () => {
  const { graph } = load(template({
    functions: userFunctions,
    resources: [{
      type: GALLERY, apiVersion: 'x', name: 'g',
      properties: { loop: '[contoso.loop(0)]', mutual: '[contoso.ping(1)]', none: '[contoso.noOutput()]', arity: "[contoso.uniqueName('a')]", missing: '[contoso.nope()]' },
    }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.is(reasonOf(r.get(['properties', 'loop'])), 'contoso.loop(): user functions nested too deeply');
  assert.is(reasonOf(r.get(['properties', 'mutual'])), 'contoso.pong(): user functions nested too deeply');
  assert.is(reasonOf(r.get(['properties', 'none'])), 'contoso.noOutput(): the function has no output value');
  assert.is(reasonOf(r.get(['properties', 'arity'])), '"contoso.uniqueName" expects 2 argument(s) but got 1');
  assert.is(reasonOf(r.get(['properties', 'missing'])), 'the function "contoso.nope" does not exist (or sigil does not know it)');
  assert.equal(diagnostics(graph), [
    ['note', 'this expression fails: contoso.loop(): user functions nested too deeply', ['resources', 0, 'properties', 'loop']],
    ['note', 'this expression fails: contoso.pong(): user functions nested too deeply', ['resources', 0, 'properties', 'mutual']],
    ['note', 'this expression fails: contoso.noOutput(): the function has no output value', ['resources', 0, 'properties', 'none']],
    ['note', 'this expression fails: "contoso.uniqueName" expects 2 argument(s) but got 1', ['resources', 0, 'properties', 'arity']],
    ['note', 'the function "contoso.nope" does not exist (or sigil does not know it)', ['resources', 0, 'properties', 'missing']],
  ]);
});

functions('lambdas in variables: map, filter, reduce', () => {
  const { graph } = load(template({
    parameters: { regions: { type: 'array', defaultValue: ['westeurope', 'northeurope', 'eastus'] } },
    variables: {
      targets: "[map(parameters('regions'), lambda('r', createObject('name', lambdaVariables('r'), 'replicas', 1)))]",
      europe: "[filter(parameters('regions'), lambda('r', endsWith(lambdaVariables('r'), 'europe')))]",
      total: "[reduce(range(1, 4), 0, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]",
      indexed: "[map(parameters('regions'), lambda('r', 'i', concat(string(lambdaVariables('i')), ':', lambdaVariables('r'))))]",
    },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: 'g',
      properties: { t: "[variables('targets')]", e: "[variables('europe')]", sum: "[variables('total')]", i: "[variables('indexed')]" },
    }],
  }));
  assert.equal(resource(graph, 'resources[0]').get(['properties']), {
    t: [{ name: 'westeurope', replicas: 1 }, { name: 'northeurope', replicas: 1 }, { name: 'eastus', replicas: 1 }],
    e: ['westeurope', 'northeurope'],
    sum: 10,
    i: ['0:westeurope', '1:northeurope', '2:eastus'],
  });
  assert.equal(diagnostics(graph), []);
});

functions('a lambda cannot be a value; a lambda over an unknown array is Unknown', () => {
  const { graph } = load(template({
    parameters: { regions: { type: 'array' } },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: 'g',
      properties: { l: "[lambda('x', lambdaVariables('x'))]", m: "[map(parameters('regions'), lambda('r', lambdaVariables('r')))]" },
    }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.is(reasonOf(r.get(['properties', 'l'])), 'an expression cannot evaluate to a lambda');
  assert.is(reasonOf(r.get(['properties', 'm'])), 'parameter "regions" has no value (no default, and none supplied)');
  assert.equal(diagnostics(graph), [['note', 'this expression fails: an expression cannot evaluate to a lambda', ['resources', 0, 'properties', 'l']]]);
});

// ---- context functions ------------------------------------------------------------------------

/** A value as JSON shows it (Unknowns as `<unknown: reason>`), to compare scopes. */
const json = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

const context = suite('Template: context functions');

context('resourceId family builds partial ids when the subscription or resource group is unknown', () => {
  const { graph } = load(template({
    parameters: { sub: { type: 'string', defaultValue: '00000000-0000-0000-0000-000000000001' }, img: { type: 'string' } },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: 'g',
      properties: {
        rid: "[resourceId('Microsoft.Compute/galleries', 'gal')]",
        child: "[resourceId('Microsoft.Compute/galleries/images', 'gal', 'img')]",
        otherGroup: "[resourceId('rg-other', 'Microsoft.Compute/galleries', 'gal')]",
        full: "[resourceId(parameters('sub'), 'rg-other', 'Microsoft.Compute/galleries', 'gal')]",
        unknownName: "[resourceId('Microsoft.Compute/galleries/images', 'gal', parameters('img'))]",
        sub: "[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg')]",
        subGiven: "[subscriptionResourceId(parameters('sub'), 'Microsoft.Resources/resourceGroups', 'rg')]",
        tenant: "[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]",
        mg: "[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'pd')]",
        ext: "[extensionResourceId(resourceId('Microsoft.Compute/galleries', 'gal'), 'Microsoft.Authorization/locks', 'lock')]",
        badCount: "[resourceId('Microsoft.Compute/galleries/images', 'gal')]",
      },
    }],
  }));
  const r = resource(graph, 'resources[0]');
  const p = (k: string) => r.get(['properties', k]) as string;
  assert.is(describePartial(p('rid')), '/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/galleries/gal');
  assert.is(reasonOf(p('rid')), 'the subscription is known only at deployment');
  assert.is(describePartial(p('child')), '/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/galleries/gal/images/img');
  assert.is(describePartial(p('otherGroup')), '/subscriptions/…/resourceGroups/rg-other/providers/Microsoft.Compute/galleries/gal');
  assert.is(p('full'), '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-other/providers/Microsoft.Compute/galleries/gal');
  assert.is(describePartial(p('unknownName')), '/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/galleries/gal/images/…');
  assert.is(describePartial(p('sub')), '/subscriptions/…/providers/Microsoft.Resources/resourceGroups/rg');
  assert.is(p('subGiven'), '/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Resources/resourceGroups/rg');
  assert.is(p('tenant'), '/providers/Microsoft.Management/managementGroups/mg');
  assert.is(describePartial(p('mg')), '/providers/Microsoft.Management/managementGroups/…/providers/Microsoft.Authorization/policyDefinitions/pd');
  assert.is(describePartial(p('ext')), '/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/galleries/gal/providers/Microsoft.Authorization/locks/lock');
  assert.is(reasonOf(p('badCount')), 'resourceId(): "Microsoft.Compute/galleries/images" needs 2 name segment(s), got 1');
  assert.equal(diagnostics(graph), [
    ['note', 'this expression fails: resourceId(): "Microsoft.Compute/galleries/images" needs 2 name segment(s), got 1', ['resources', 0, 'properties', 'badCount']],
  ]);
});

context('a subscription-scope template: resourceId has no resource group', () => {
  const { graph } = load(template({
    $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
    resources: [{ type: 'Microsoft.Resources/resourceGroups', apiVersion: 'x', name: 'rg', properties: { id: "[resourceId('Microsoft.Resources/resourceGroups', 'rg')]" } }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.equal(json(r.scope), { level: 'subscription', subscriptionId: '<unknown: the subscription is known only at deployment>' });
  assert.is(describePartial(r.get(['properties', 'id']) as string), '/subscriptions/…/providers/Microsoft.Resources/resourceGroups/rg');
});

context('deployment-time values are Unknown with their reason', () => {
  const { graph } = load(template({
    parameters: { stamp: { type: 'string', defaultValue: '[utcNow()]' } },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: 'g',
      properties: {
        ref: "[reference('Microsoft.Storage/storageAccounts/sa').primaryEndpoints.blob]",
        keys: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').keys[0].value]",
        secrets: "[listSecrets('x', '2020-01-01')]",
        now: "[parameters('stamp')]",
        env: '[environment().name]',
        dep: '[deployment().name]',
        rgName: '[resourceGroup().name]',
        rgLocation: '[resourceGroup().location]',
        subId: '[subscription().subscriptionId]',
        guid: "[guid('a')]",
        unique: '[uniqueString(resourceGroup().id)]',
      },
    }],
  }));
  const r = resource(graph, 'resources[0]');
  const reasons = Object.fromEntries(Object.entries(r.get(['properties']) as Record<string, Value>).map(([k, v]) => [k, reasonOf(v)]));
  assert.equal(reasons, {
    ref: 'a reference() value is known only at deployment',
    keys: 'listKeys() is known only at deployment',
    secrets: 'listSecrets() is known only at deployment',
    now: 'utcNow() is known only at deployment',
    env: 'the cloud environment is known only at deployment',
    dep: 'the deployment name is known only at deployment',
    rgName: 'the resource group is known only at deployment',
    rgLocation: 'the resource group location is known only at deployment',
    subId: 'the subscription is known only at deployment',
    guid: 'guid() is not computed by sigil',
    unique: 'uniqueString() is not computed by sigil',
  });
  assert.equal(diagnostics(graph), []);
});

context('expression errors: syntax error is an error; unsupported function an Unknown; no throw', () => {
  const { graph } = load(template({
    parameters: { m: { type: 'string' } },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: 'g',
      properties: {
        syntax: "[concat('a',]",
        unknownFn: '[frobnicate()]',
        typeError: "[add('a', 1)]",
        formatUnknownInArray: "[format('{0}', createArray(parameters('m')))]",
      },
    }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.is(reasonOf(r.get(['properties', 'syntax'])), 'invalid expression');
  assert.is(reasonOf(r.get(['properties', 'unknownFn'])), 'the function "frobnicate" does not exist (or sigil does not know it)');
  assert.is(reasonOf(r.get(['properties', 'typeError'])), 'add(): argument 1 must be an integer, not string');
  // format() over an array that holds an unknown is unknown (no exception).
  assert.ok(isUnknown(r.get(['properties', 'formatUnknownInArray'])));
  assert.equal(diagnostics(graph), [
    ['error', 'invalid template expression: unexpected end of expression at position 12 of expression', ['resources', 0, 'properties', 'syntax']],
    ['note', 'the function "frobnicate" does not exist (or sigil does not know it)', ['resources', 0, 'properties', 'unknownFn']],
    ['note', "this expression fails: add(): argument 1 must be an integer, not string", ['resources', 0, 'properties', 'typeError']],
  ]);
});

context('property names written as expressions are evaluated; "[[" names are literal', () => {
  const { graph } = load(template({
    parameters: { key: { type: 'string', defaultValue: 'abc' }, unknown: { type: 'string' } },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: 'g',
      properties: { "[format('{0}def', parameters('key'))]": 1, '[[literal]': 2, nested: { "[parameters('unknown')]": 3 } },
    }],
  }));
  const r = resource(graph, 'resources[0]');
  assert.is(r.get(['properties', 'abcdef']), 1);
  assert.is(r.get(['properties', '[literal]']), 2);
  assert.ok(isUnknown(r.get(['properties', 'nested'])), 'an object whose key is unknown is unknown');
  assert.equal(r.locate(['properties', 'abcdef']).primary.path, ['resources', 0, 'properties', "[format('{0}def', parameters('key'))]"]);
});

// ---- resources ---------------------------------------------------------------------------------

const resources = suite('Template: resources and copy loops');

resources('the body holds the request members, not the template-only ones', () => {
  const { graph } = load(template({
    resources: [{
      type: GALLERY, apiVersion: '2022-03-03', name: 'gal', location: 'westeurope', tags: { a: 'b' },
      comments: 'c', condition: true, dependsOn: ["[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]"], copy: { name: 'one', count: 1 },
      properties: { description: '[[literal]' },
    }, { type: GALLERY, apiVersion: 'x', properties: {} }],
  }));
  const r = resource(graph, 'resources[0][0]');
  assert.equal(r.body, { type: GALLERY, apiVersion: '2022-03-03', name: 'gal', location: 'westeurope', tags: { a: 'b' }, properties: { description: '[literal]' } });
  assert.is(r.apiVersion, '2022-03-03');
  assert.is(describePartial(r.dependsOn[0] as string), '/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/vnet');
  const nameless = resource(graph, 'resources[1]');
  assert.is(reasonOf(nameless.fullName), 'the resource has no name');
  assert.is(reasonOf(nameless.get(['name'])), 'the resource has no name');
});

resources('copy loop: names, labels, copyIndex with offset and loop name', () => {
  const { graph } = load(template({
    resources: [{
      type: GALLERY, apiVersion: 'x', name: "[concat('gal', copyIndex(1))]", copy: { name: 'galleries', count: "[add(1, 2)]" },
      properties: { i: '[copyIndex()]', named: "[copyIndex('galleries', 10)]" },
    }],
  }));
  assert.equal(summary(graph), [
    `${GALLERY} | gal1 | resources[0][0]`,
    `${GALLERY} | gal2 | resources[0][1]`,
    `${GALLERY} | gal3 | resources[0][2]`,
  ]);
  assert.equal(resource(graph, 'resources[0][1]').get(['properties']), { i: 1, named: 11 });
  assert.equal(diagnostics(graph), []);
});

resources('copy count 0 adds nothing; a negative or non-integer count is a note', () => {
  const { graph } = load(template({
    parameters: { n: { type: 'int', defaultValue: -1 } },
    resources: [
      { type: GALLERY, apiVersion: 'x', name: 'none', copy: { name: 'zero', count: 0 } },
      { type: GALLERY, apiVersion: 'x', name: 'neg', copy: { name: 'neg', count: "[parameters('n')]" } },
      { type: GALLERY, apiVersion: 'x', name: 'half', copy: { name: 'half', count: 1.5 } },
    ],
  }));
  assert.equal(summary(graph), [`${GALLERY} | neg | resources[1][*]`, `${GALLERY} | half | resources[2][*]`]);
  assert.equal(diagnostics(graph), [
    ['note', 'copy loop "neg": the count -1 is not a non-negative integer', ['resources', 1, 'copy']],
    ['note', 'copy loop "half": the count 1.5 is not a non-negative integer', ['resources', 2, 'copy']],
  ]);
});

resources('unknown copy count: one representative instance, unknown copyIndex, label [*]', () => {
  const { graph } = load(template({
    parameters: { n: { type: 'int' } },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: "[concat('gal-', copyIndex())]", copy: { name: 'gals', count: "[parameters('n')]" },
      location: 'westeurope', properties: { i: "[copyIndex('gals')]" },
    }],
  }));
  assert.is(graph.resources.length, 1);
  const r = resource(graph, 'resources[0][*]');
  assert.is(describePartial(r.fullName), 'gal-…');
  assert.is(reasonOf(r.fullName), 'the index of copy loop "gals" (parameter "n" has no value (no default, and none supplied))');
  assert.is(r.get(['location']), 'westeurope');
  assert.is(reasonOf(r.get(['properties', 'i'])), 'the index of copy loop "gals" (parameter "n" has no value (no default, and none supplied))');
  assert.equal(diagnostics(graph), []);
});

resources('copy counts above 800 are not expanded: a note and one representative', () => {
  for (const count of [801, 1e9]) {
    const { graph } = load(template({ resources: [{ type: GALLERY, apiVersion: 'x', name: "[concat('g', copyIndex())]", copy: { name: 'big', count } }] }));
    assert.equal(summary(graph), [`${GALLERY} | <unknown: the index of copy loop "big" (copy loop "big" has ${count} copies, more than ARM allows, and is not expanded)> | resources[0][*]`]);
    assert.is(describePartial(graph.resources[0]?.fullName as string), 'g…');
    assert.equal(diagnostics(graph), [['note', `copy loop "big": a count of ${count} is more than the 800 ARM allows; not expanded`, ['resources', 0, 'copy']]]);
  }
  const { graph } = load(template({ resources: [{ type: GALLERY, apiVersion: 'x', name: "[concat('g', copyIndex())]", copy: { name: 'max', count: 800 } }] }));
  assert.is(graph.resources.length, 800);
  assert.is(graph.resources[799]?.fullName, 'g799');
  assert.is(graph.resources[799]?.label, 'resources[0][799]');
});

resources('property copy: arrays built from input with copyIndex(name)', () => {
  const { graph } = load(template({
    parameters: { regions: { type: 'array', defaultValue: ['westeurope', 'eastus'] }, n: { type: 'int' } },
    resources: [{
      type: 'Microsoft.Compute/virtualMachines', apiVersion: 'x', name: 'vm', copy: { name: 'vms', count: 2 },
      properties: {
        storageProfile: {
          copy: [{ name: 'disks', count: 3, input: { lun: "[copyIndex('disks')]", name: "[concat('disk', copyIndex('disks', 1), '-vm', copyIndex())]" } }],
        },
        publishingProfile: { copy: [{ name: 'targetRegions', count: "[length(parameters('regions'))]", input: { name: "[parameters('regions')[copyIndex('targetRegions')]]" } }] },
        unknownCount: { copy: [{ name: 'u', count: "[parameters('n')]", input: 'x' }] },
        notACopy: { copy: ['just', 'data'] },
      },
    }],
  }));
  const r = resource(graph, 'resources[0][1]');
  assert.equal(r.get(['properties', 'storageProfile']), {
    disks: [{ lun: 0, name: 'disk1-vm1' }, { lun: 1, name: 'disk2-vm1' }, { lun: 2, name: 'disk3-vm1' }],
  });
  assert.equal(r.get(['properties', 'publishingProfile']), { targetRegions: [{ name: 'westeurope' }, { name: 'eastus' }] });
  assert.is(reasonOf(r.get(['properties', 'unknownCount', 'u'])), 'the count of copy loop "u" is not known: parameter "n" has no value (no default, and none supplied)');
  assert.equal(r.get(['properties', 'notACopy']), { copy: ['just', 'data'] });
  assert.equal(diagnostics(graph), []);
});

resources('copyIndex() inside a lambda sees the copy loops around it', () => {
  const { graph } = load(template({
    resources: [{
      type: GALLERY, apiVersion: 'x', name: "[concat('g', copyIndex())]", copy: { name: 'gals', count: 2 },
      properties: {
        shifted: "[map(range(0, 3), lambda('i', add(lambdaVariables('i'), copyIndex('gals', 10))))]",
        nested: { copy: [{ name: 'inner', count: 2, input: "[filter(range(0, 3), lambda('x', equals(lambdaVariables('x'), copyIndex('inner'))))]" }] },
      },
    }],
  }));
  assert.equal(resource(graph, 'resources[0][1]').get(['properties']), { shifted: [11, 12, 13], nested: { inner: [[0], [1]] } });
  assert.equal(diagnostics(graph), []);
});

// ARM: a condition does not cascade to child resources; they are deployed on their own conditions.
resources('conditions: false, unknown, "true" string, expressions', () => {
  const { graph } = load(template({
    parameters: { deploy: { type: 'bool' }, env: { type: 'string', defaultValue: 'prod' } },
    resources: [
      { type: GALLERY, apiVersion: 'x', name: 'off', condition: false, resources: [{ type: 'images', apiVersion: 'x', name: 'child-of-off' }] },
      { type: GALLERY, apiVersion: 'x', name: 'maybe', condition: "[parameters('deploy')]", resources: [{ type: 'images', apiVersion: 'x', name: 'child-of-maybe' }] },
      { type: GALLERY, apiVersion: 'x', name: 'string-true', condition: 'true' },
      { type: GALLERY, apiVersion: 'x', name: 'string-false', condition: 'False' },
      { type: GALLERY, apiVersion: 'x', name: 'expr', condition: "[equals(parameters('env'), 'prod')]" },
      { type: GALLERY, apiVersion: 'x', name: 'expr-false', condition: "[equals(parameters('env'), 'dev')]" },
      { type: GALLERY, apiVersion: 'x', name: 'not-bool', condition: 'yes' },
    ],
  }));
  assert.equal(summary(graph), [
    `${GALLERY} | off | resources[0]`,
    `${IMAGE} | off/child-of-off | resources[0].resources[0]`,
    `${GALLERY} | maybe | resources[1]`,
    `${IMAGE} | maybe/child-of-maybe | resources[1].resources[0]`,
    `${GALLERY} | string-true | resources[2]`,
    `${GALLERY} | string-false | resources[3]`,
    `${GALLERY} | expr | resources[4]`,
    `${GALLERY} | expr-false | resources[5]`,
    `${GALLERY} | not-bool | resources[6]`,
  ]);
  const conditions = graph.resources.map((r) => (isUnknown(r.condition) ? `<unknown: ${r.condition.reason}>` : r.condition));
  assert.equal(conditions, [
    false,
    true,
    '<unknown: parameter "deploy" has no value (no default, and none supplied)>',
    true,
    true,
    false,
    true,
    false,
    '<unknown: the condition "yes" is not a boolean (string)>',
  ]);
  assert.is(graph.resources[0]?.deployed, false);
  assert.is(graph.resources[1]?.deployed, true, 'the child of a resource whose condition is false is still deployed');
  assert.is(graph.resources[2]?.deployed, true, 'an unknown condition counts as deployed');
  assert.equal(diagnostics(graph), []);
});

resources('nested child resources: type and name prefixed by the parent, at any depth', () => {
  const { graph } = load(template({
    parameters: { gallery: { type: 'string', defaultValue: 'gal' } },
    resources: [{
      type: GALLERY, apiVersion: 'x', name: "[parameters('gallery')]",
      resources: [
        { type: 'images', apiVersion: 'x', name: 'img', resources: [{ type: 'versions', apiVersion: 'x', name: '1.0.0' }] },
        { type: IMAGE, apiVersion: 'x', name: 'gal/absolute' },
      ],
    }, {
      type: GALLERY, apiVersion: 'x', name: "[concat('g', copyIndex())]", copy: { name: 'c', count: 2 },
      resources: [{ type: 'images', apiVersion: 'x', name: "[concat('i', copyIndex())]" }],
    }],
  }));
  assert.equal(summary(graph), [
    `${GALLERY} | gal | resources[0]`,
    `${IMAGE} | gal/img | resources[0].resources[0]`,
    `${IMAGE}/versions | gal/img/1.0.0 | resources[0].resources[0].resources[0]`,
    `${IMAGE} | gal/absolute | resources[0].resources[1]`,
    `${GALLERY} | g0 | resources[1][0]`,
    `${IMAGE} | g0/i0 | resources[1].resources[0]`,
    `${GALLERY} | g1 | resources[1][1]`,
    `${IMAGE} | g1/i1 | resources[1].resources[0]`,
  ]);
  const version = graph.resources[2];
  assert.is(version?.name, '1.0.0');
  assert.equal(version?.body, { type: 'versions', apiVersion: 'x', name: '1.0.0' });
});

resources('a child of a parent with an unknown name keeps its own known segment', () => {
  const { graph } = load(template({
    parameters: { gallery: { type: 'string' } },
    resources: [{ type: GALLERY, apiVersion: 'x', name: "[parameters('gallery')]", resources: [{ type: 'images', apiVersion: 'x', name: 'img' }] }],
  }));
  const child = resource(graph, 'resources[0].resources[0]');
  assert.is(child.type, IMAGE);
  assert.is(describePartial(child.fullName), '…/img');
  assert.is(child.name, 'img');
});

resources('bad declarations are errors; an unknown type is a note', () => {
  const { graph } = load(template({
    parameters: { t: { type: 'string' } },
    resources: [
      { apiVersion: 'x', name: 'no-type' },
      'not an object',
      { type: GALLERY, apiVersion: 'x', name: 'bad-copy', copy: 5 },
      { type: "[parameters('t')]", apiVersion: 'x', name: 'unknown-type' },
      { type: GALLERY, apiVersion: 'x', name: 'fine' },
    ],
  }));
  assert.equal(summary(graph), [`${GALLERY} | fine | resources[4]`]);
  assert.equal(diagnostics(graph), [
    ['error', 'a resource declaration needs a "type" string', ['resources', 0]],
    ['error', 'a resource declaration must be an object', ['resources', 1]],
    ['error', '"copy" must be an object with "name" and "count"', ['resources', 2, 'copy']],
    ['note', 'a resource type is not known (parameter "t" has no value (no default, and none supplied)); the resource is not checked', ['resources', 3]],
  ]);
  const { graph: g2 } = load(template({ resources: 'nope' }));
  assert.equal(diagnostics(g2), [['error', '"resources" must be an array (or an object of symbolic names)', ['resources']]]);
});

resources('languageVersion 2.0: symbolic resources, existing, labels are the symbols', () => {
  const { graph } = load(template({
    languageVersion: '2.0',
    parameters: { n: { type: 'int', defaultValue: 2 } },
    resources: {
      gallery: { type: GALLERY, apiVersion: '2022-03-03', name: 'gal' },
      old: { type: GALLERY, apiVersion: '2022-03-03', existing: true, name: 'shared' },
      images: { type: IMAGE, apiVersion: '2022-03-03', name: "[format('gal/img{0}', copyIndex())]", copy: { name: 'images', count: "[parameters('n')]" } },
    },
  }));
  assert.equal(summary(graph), [
    `${GALLERY} | gal | gallery`,
    `${GALLERY} | shared | old`,
    `${IMAGE} | gal/img0 | images[0]`,
    `${IMAGE} | gal/img1 | images[1]`,
  ]);
  assert.equal(graph.resources.map((r) => [r.existing, r.deployed]), [[false, true], [true, false], [false, true], [false, true]]);
  assert.equal(graph.resources[1]?.body, { type: GALLERY, apiVersion: '2022-03-03', name: 'shared' });
  assert.equal(graph.resources[0]?.declaration, { file: VIRTUAL, path: ['resources', 'gallery'] });
});

// ---- nested deployments ----------------------------------------------------------------------

const nested = suite('Template: nested deployments');

nested('inner scope: parameters passed in, its own variables, Key Vault reference Unknown, resource group scope', () => {
  const { graph } = load(template({
    parameters: { outerName: { type: 'string', defaultValue: 'outer-value' } },
    variables: { suffix: 'outer-suffix' },
    resources: [{
      type: DEPLOYMENT, apiVersion: '2022-09-01', name: 'inner', resourceGroup: 'rg-inner', subscriptionId: 'sub-inner',
      properties: {
        mode: 'Incremental',
        expressionEvaluationOptions: { scope: 'inner' },
        parameters: {
          name: { value: "[parameters('outerName')]" },
          secret: { reference: { keyVault: { id: '/subscriptions/x/kv' }, secretName: 's' } },
        },
        template: template({
          parameters: { name: { type: 'string' }, secret: { type: 'string' }, defaulted: { type: 'string', defaultValue: 'inner-default' } },
          variables: { suffix: 'inner-suffix' },
          resources: [{
            type: GALLERY, apiVersion: 'x', name: "[concat(parameters('name'), '-', variables('suffix'))]",
            properties: {
              secret: "[parameters('secret')]", d: "[parameters('defaulted')]", rg: '[resourceGroup().name]', sub: '[subscription().subscriptionId]',
              rgId: '[resourceGroup().id]', subId: '[subscription().id]', own: "[resourceId('Microsoft.Compute/galleries', 'x')]",
            },
          }],
        }),
      },
    }],
  }));
  assert.equal(summary(graph), [`${DEPLOYMENT} | inner | resources[0]`, `${GALLERY} | outer-value-inner-suffix | resources[0]`]);
  const [deployment, inner] = graph.resources;
  assert.equal(json(deployment?.scope), { level: 'resourceGroup', subscriptionId: '<unknown: the subscription is known only at deployment>', resourceGroup: '<unknown: the resource group is known only at deployment>' });
  assert.is(reasonOf(deployment?.get(['properties'])), 'the properties of a deployment are evaluated as its nested resources');
  assert.equal(inner?.scope, { level: 'resourceGroup', resourceGroup: 'rg-inner', subscriptionId: 'sub-inner' });
  assert.is(inner?.id, '/subscriptions/sub-inner/resourceGroups/rg-inner/providers/Microsoft.Compute/galleries/outer-value-inner-suffix');
  assert.is(reasonOf(inner?.get(['properties', 'secret'])), 'parameter "secret" of deployment resources[0] comes from a Key Vault reference');
  assert.is(inner?.get(['properties', 'd']), 'inner-default');
  assert.is(inner?.get(['properties', 'rg']), 'rg-inner');
  assert.is(inner?.get(['properties', 'sub']), 'sub-inner');
  assert.is(inner?.get(['properties', 'rgId']), '/subscriptions/sub-inner/resourceGroups/rg-inner');
  assert.is(inner?.get(['properties', 'subId']), '/subscriptions/sub-inner');
  assert.is(inner?.get(['properties', 'own']), '/subscriptions/sub-inner/resourceGroups/rg-inner/providers/Microsoft.Compute/galleries/x');
  assert.equal(inner?.declaration, { file: VIRTUAL, path: ['resources', 0, 'properties', 'template', 'resources', 0] });
  assert.equal(diagnostics(graph), []);
});

nested('outer scope (the default): the nested expressions see the outer parameters and variables', () => {
  const { graph } = load(template({
    parameters: { p: { type: 'string', defaultValue: 'outer-p' } },
    variables: { v: 'outer-v' },
    resources: [{
      type: DEPLOYMENT, apiVersion: '2022-09-01', name: 'outer', resourceGroup: 'rg-2',
      properties: {
        mode: 'Incremental',
        template: template({
          parameters: { p: { type: 'string', defaultValue: 'ignored-p' } },
          variables: { v: 'ignored-v' },
          resources: [{ type: GALLERY, apiVersion: 'x', name: "[concat(parameters('p'), '-', variables('v'))]", properties: { rg: '[resourceGroup().name]' } }],
        }),
      },
    }],
  }));
  const inner = graph.resources[1];
  assert.is(inner?.fullName, 'outer-p-outer-v');
  assert.equal(json(inner?.scope), { level: 'resourceGroup', resourceGroup: 'rg-2', subscriptionId: '<unknown: the subscription is known only at deployment>' });
  // The nested deployment keeps the template's subscription: the same scope identity (graph links).
  assert.ok(inner?.scope.subscriptionId === graph.resources[0]?.scope.subscriptionId, 'one subscription identity');
  assert.is(inner?.get(['properties', 'rg']), 'rg-2');
  assert.equal(diagnostics(graph), []);
});

nested('a nested deployment in a copy loop passes each index; a condition false stops it', () => {
  const { graph } = load(template({
    resources: [{
      type: DEPLOYMENT, apiVersion: 'x', name: "[concat('d', copyIndex())]", copy: { name: 'deps', count: 2 },
      properties: {
        expressionEvaluationOptions: { scope: 'inner' },
        parameters: { i: { value: '[copyIndex()]' } },
        template: template({ parameters: { i: { type: 'int' } }, resources: [{ type: GALLERY, apiVersion: 'x', name: "[concat('g', parameters('i'))]" }] }),
      },
    }, {
      type: DEPLOYMENT, apiVersion: 'x', name: 'skipped', condition: false,
      properties: { template: template({ resources: [{ type: GALLERY, apiVersion: 'x', name: 'never' }] }) },
    }],
  }));
  assert.equal(summary(graph), [
    `${DEPLOYMENT} | d0 | resources[0][0]`,
    `${GALLERY} | g0 | resources[0]`,
    `${DEPLOYMENT} | d1 | resources[0][1]`,
    `${GALLERY} | g1 | resources[0]`,
    `${DEPLOYMENT} | skipped | resources[1]`,
  ]);
});

nested('templateLink.relativePath loads a local file, relative to the linking file', () => {
  const tmp = tempDir();
  try {
    writeFileSync(tmp.path('linked.json'), JSON.stringify(template({
      parameters: { name: { type: 'string' } },
      resources: [{
        type: GALLERY, apiVersion: 'x', name: "[parameters('name')]",
        resources: [],
      }, {
        type: DEPLOYMENT, apiVersion: 'x', name: 'deeper', properties: { templateLink: { relativePath: 'sub/leaf.json' }, parameters: {} },
      }],
    }), null, 2));
    mkdirSync(tmp.path('sub'));
    writeFileSync(tmp.path('sub', 'leaf.json'), JSON.stringify(template({ resources: [{ type: GALLERY, apiVersion: 'x', name: 'leaf' }] })));
    const main = template({
      resources: [
        { type: DEPLOYMENT, apiVersion: 'x', name: 'linked', resourceGroup: 'rg-linked', properties: { templateLink: { relativePath: 'linked.json' }, parameters: { name: { value: 'from-link' } } } },
        { type: DEPLOYMENT, apiVersion: 'x', name: 'missing', properties: { templateLink: { relativePath: 'nope.json' } } },
        { type: DEPLOYMENT, apiVersion: 'x', name: 'remote', properties: { templateLink: { uri: 'https://example.com/t.json' } } },
      ],
    });
    const graph = new ResourceGraph();
    loadArm([{ path: tmp.path('main.json'), explicit: true, text: JSON.stringify(main, null, 2) }], graph);
    assert.equal(summary(graph), [
      `${DEPLOYMENT} | linked | resources[0]`,
      `${GALLERY} | from-link | resources[0]`,
      `${DEPLOYMENT} | deeper | resources[1]`,
      `${GALLERY} | leaf | resources[0]`,
      `${DEPLOYMENT} | missing | resources[1]`,
      `${DEPLOYMENT} | remote | resources[2]`,
    ]);
    const linked = graph.resources[1];
    assert.is(linked?.file, tmp.path('linked.json'));
    assert.equal(json(linked?.scope), { level: 'resourceGroup', resourceGroup: 'rg-linked', subscriptionId: '<unknown: the subscription is known only at deployment>' });
    assert.is(graph.resources[3]?.file, tmp.path('sub', 'leaf.json'));
    assert.equal(json(graph.resources[3]?.scope), { level: 'resourceGroup', resourceGroup: 'rg-linked', subscriptionId: '<unknown: the subscription is known only at deployment>' });
    // The linked file is a document of the graph: spans resolve inside it.
    assert.equal(graph.span(linked?.declaration ?? { file: '' })?.start.line, 10);
    assert.equal(diagnostics(graph), [
      ['note', 'the linked template of deployment resources[1] is not available locally; its resources are not checked', ['resources', 1]],
      ['note', 'the linked template of deployment resources[2] is not available locally; its resources are not checked', ['resources', 2]],
    ]);
  } finally {
    tmp.remove();
  }
});

nested('nested deployments deeper than the limit are not followed (note)', () => {
  let inner: Record<string, unknown> = template({ resources: [{ type: GALLERY, apiVersion: 'x', name: 'level3' }] });
  for (let level = 2; level >= 0; level--) {
    inner = template({
      resources: [
        { type: GALLERY, apiVersion: 'x', name: `level${level}` },
        { type: DEPLOYMENT, apiVersion: 'x', name: `d${level}`, properties: { expressionEvaluationOptions: { scope: 'inner' }, template: inner } },
      ],
    });
  }
  const { graph } = load(inner, { limits: { ...DEFAULT_LIMITS, deploymentDepth: 2 } });
  assert.equal(graph.resources.map((r) => show(r.fullName)), ['level0', 'd0', 'level1', 'd1', 'level2', 'd2']);
  assert.equal(diagnostics(graph), [
    ['note', 'nested deployments deeper than 2 levels are not followed', ['resources', 1, 'properties', 'template', 'resources', 1, 'properties', 'template', 'resources', 1]],
  ]);
});

nested('scope of nested deployments: subscription only, management group', () => {
  const { graph } = load(template({
    $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
    resources: [
      { type: DEPLOYMENT, apiVersion: 'x', name: 'sub', subscriptionId: 'sub-2', location: 'westeurope', properties: { template: template({ resources: [{ type: GALLERY, apiVersion: 'x', name: 'in-sub' }] }) } },
      { type: DEPLOYMENT, apiVersion: 'x', name: 'rg', resourceGroup: 'rg-3', properties: { template: template({ resources: [{ type: GALLERY, apiVersion: 'x', name: 'in-rg' }] }) } },
      { type: DEPLOYMENT, apiVersion: 'x', name: 'mg', scope: "[concat('Microsoft.Management/managementGroups/', 'mg1')]", properties: { template: template({ resources: [{ type: GALLERY, apiVersion: 'x', name: 'in-mg' }] }) } },
      { type: DEPLOYMENT, apiVersion: 'x', name: 'tenant', scope: '/', properties: { template: template({ resources: [{ type: GALLERY, apiVersion: 'x', name: 'in-tenant' }] }) } },
      { type: DEPLOYMENT, apiVersion: 'x', name: 'sub-scope', scope: '/subscriptions/sub-9', properties: { template: template({ resources: [{ type: GALLERY, apiVersion: 'x', name: 'in-sub-scope' }] }) } },
      { type: DEPLOYMENT, apiVersion: 'x', name: 'off', condition: false, properties: { template: template({ resources: [{ type: GALLERY, apiVersion: 'x', name: 'in-off' }] }) } },
    ],
  }));
  const scopes = Object.fromEntries(graph.resources.map((r) => [show(r.fullName), JSON.stringify(plain(r.scope as unknown as Value))]));
  assert.equal(scopes, {
    sub: '{"level":"subscription","subscriptionId":"<unknown: the subscription is known only at deployment>"}',
    'in-sub': '{"level":"subscription","subscriptionId":"sub-2"}',
    rg: '{"level":"subscription","subscriptionId":"<unknown: the subscription is known only at deployment>"}',
    'in-rg': '{"level":"resourceGroup","resourceGroup":"rg-3","subscriptionId":"<unknown: the subscription is known only at deployment>"}',
    mg: '{"level":"subscription","subscriptionId":"<unknown: the subscription is known only at deployment>"}',
    'in-mg': '{"level":"managementGroup","managementGroup":"mg1"}',
    tenant: '{"level":"subscription","subscriptionId":"<unknown: the subscription is known only at deployment>"}',
    'in-tenant': '{"level":"tenant"}',
    'sub-scope': '{"level":"subscription","subscriptionId":"<unknown: the subscription is known only at deployment>"}',
    'in-sub-scope': '{"level":"subscription","subscriptionId":"sub-9"}',
    off: '{"level":"subscription","subscriptionId":"<unknown: the subscription is known only at deployment>"}',
  });
  assert.not.ok(graph.resources.some((r) => show(r.fullName) === 'in-off'), 'a deployment whose condition is false deploys nothing');
});

// ---- provenance ------------------------------------------------------------------------------

const provenance = suite('Template: provenance (locate)');

/** The 1-based line and column span of the first occurrence of `needle` in `text`. */
function spanOf(text: string, needle: string, occurrence = 1): string {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, index).split('\n');
  const line = before.length;
  const column = (before[before.length - 1] as string).length + 1;
  return `${line}:${column}-${line}:${column + needle.length}`;
}

const MAIN = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "galleryName": { "type": "string" },
    "imageName": { "type": "string", "defaultValue": "img-default" },
    "regions": { "type": "array", "defaultValue": ["westeurope", "northeurope"] }
  },
  "variables": {
    "settings": { "tier": "Standard" },
    "version": "1.0.0"
  },
  "resources": [
    {
      "type": "Microsoft.Compute/galleries",
      "apiVersion": "2022-03-03",
      "name": "[parameters('galleryName')]",
      "properties": { "tier": "[variables('settings').tier]", "literal": "here" }
    },
    {
      "type": "Microsoft.Compute/galleries/images",
      "apiVersion": "2022-03-03",
      "name": "[concat(parameters('galleryName'), '/', parameters('imageName'))]",
      "properties": {
        "copy": [{ "name": "targets", "count": "[length(parameters('regions'))]", "input": { "name": "[parameters('regions')[copyIndex('targets')]]" } }]
      }
    },
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "nested",
      "properties": {
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "passed": { "value": "[parameters('galleryName')]" }, "literal": { "value": "lit-version" } },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "passed": { "type": "string" }, "literal": { "type": "string" } },
          "resources": [
            { "type": "Microsoft.Compute/galleries/images/versions", "apiVersion": "2022-03-03", "name": "[format('{0}/img/{1}', parameters('passed'), parameters('literal'))]", "properties": { "gallery": "[parameters('passed')]" } }
          ]
        }
      }
    },
    {
      "type": "Microsoft.Compute/galleries/images",
      "apiVersion": "2022-03-03",
      "name": "[concat(parameters('galleryName'), '/', variables('version'))]"
    }
  ]
}`;

const PARAMS = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "galleryName": { "value": "gal-from-file" }
  }
}`;

function provenanceGraph(): ResourceGraph {
  const graph = new ResourceGraph();
  loadArm([
    { path: 'virtual/main.json', explicit: true, text: MAIN },
    { path: 'virtual/main.parameters.json', explicit: true, text: PARAMS },
  ], graph);
  return graph;
}

function located(graph: ResourceGraph, label: string, index: number, path: (string | number)[]): { primary: string; declared: string } {
  const r = graph.resources.filter((x) => x.label === label)[index];
  if (!r) throw new Error(`no resource ${label}`);
  const { primary, declared } = r.locate(path);
  const text = (ref: typeof primary) => `${ref.file} ${refSpan(graph, ref)}`;
  return { primary: text(primary), declared: text(declared) };
}

function refSpan(graph: ResourceGraph, ref: { file: string; path?: readonly (string | number)[] }): string {
  const span = graph.span(ref);
  return span ? `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}` : '?';
}

provenance('a name from the parameters file: primary in the parameters file, declared at the resource', () => {
  const graph = provenanceGraph();
  assert.is(graph.resources[0]?.fullName, 'gal-from-file');
  assert.equal(located(graph, 'resources[0]', 0, ['name']), {
    primary: `virtual/main.parameters.json ${spanOf(PARAMS, '"gal-from-file"')}`,
    declared: `virtual/main.json ${spanOf(MAIN, `"[parameters('galleryName')]"`)}`,
  });
});

provenance('a value from a variable member, and a literal written in the resource', () => {
  const graph = provenanceGraph();
  assert.equal(located(graph, 'resources[0]', 0, ['properties', 'tier']), {
    primary: `virtual/main.json ${spanOf(MAIN, '"Standard"')}`,
    declared: `virtual/main.json ${spanOf(MAIN, `"[variables('settings').tier]"`)}`,
  });
  const literal = `virtual/main.json ${spanOf(MAIN, '"here"')}`;
  assert.equal(located(graph, 'resources[0]', 0, ['properties', 'literal']), { primary: literal, declared: literal });
});

provenance('the last segment of a concat name: from a default, and from a variable', () => {
  const graph = provenanceGraph();
  assert.is(graph.resources[1]?.fullName, 'gal-from-file/img-default');
  assert.equal(located(graph, 'resources[1]', 0, ['name']), {
    primary: `virtual/main.json ${spanOf(MAIN, '"img-default"')}`,
    declared: `virtual/main.json ${spanOf(MAIN, `"[concat(parameters('galleryName'), '/', parameters('imageName'))]"`)}`,
  });
  assert.is(graph.resources[4]?.fullName, 'gal-from-file/1.0.0');
  assert.equal(located(graph, 'resources[3]', 0, ['name']), {
    primary: `virtual/main.json ${spanOf(MAIN, '"1.0.0"')}`,
    declared: `virtual/main.json ${spanOf(MAIN, `"[concat(parameters('galleryName'), '/', variables('version'))]"`)}`,
  });
});

provenance('a copy-loop element: primary at the default array element, declared at the input', () => {
  const graph = provenanceGraph();
  assert.equal(graph.resources[1]?.get(['properties', 'targets']), [{ name: 'westeurope' }, { name: 'northeurope' }]);
  assert.equal(located(graph, 'resources[1]', 0, ['properties', 'targets', 1, 'name']), {
    primary: `virtual/main.json ${spanOf(MAIN, '"northeurope"')}`,
    declared: `virtual/main.json ${spanOf(MAIN, `"[parameters('regions')[copyIndex('targets')]]"`)}`,
  });
  assert.equal(located(graph, 'resources[1]', 0, ['properties', 'targets', 0]), {
    primary: `virtual/main.json ${spanOf(MAIN, `{ "name": "[parameters('regions')[copyIndex('targets')]]" }`)}`,
    declared: `virtual/main.json ${spanOf(MAIN, `{ "name": "[parameters('regions')[copyIndex('targets')]]" }`)}`,
  });
});

provenance('a nested deployment parameter: a passed-through parameter points at the parameters file, a literal at the deployment', () => {
  const graph = provenanceGraph();
  const version = graph.resources[3];
  assert.is(version?.type, 'Microsoft.Compute/galleries/images/versions');
  assert.is(version?.fullName, 'gal-from-file/img/lit-version');
  assert.equal(located(graph, 'resources[0]', 1, ['name']), {
    primary: `virtual/main.json ${spanOf(MAIN, '"lit-version"')}`,
    declared: `virtual/main.json ${spanOf(MAIN, `"[format('{0}/img/{1}', parameters('passed'), parameters('literal'))]"`)}`,
  });
  assert.is(version?.get(['properties', 'gallery']), 'gal-from-file');
  assert.equal(located(graph, 'resources[0]', 1, ['properties', 'gallery']), {
    primary: `virtual/main.parameters.json ${spanOf(PARAMS, '"gal-from-file"')}`,
    declared: `virtual/main.json ${spanOf(MAIN, `"[parameters('passed')]"`)}`,
  });
});

provenance('without a parameters file the name points at its expression (no value written elsewhere)', () => {
  const graph = new ResourceGraph();
  loadArm([{ path: 'virtual/main.json', explicit: true, text: MAIN }], graph);
  const r = graph.resources[0];
  assert.is(reasonOf(r?.fullName), 'parameter "galleryName" has no value (no default, and none supplied)');
  const expression = `virtual/main.json ${spanOf(MAIN, `"[parameters('galleryName')]"`)}`;
  assert.equal(located(graph, 'resources[0]', 0, ['name']), { primary: expression, declared: expression });
});

provenance('an inline --parameters value has no file: the name points at its expression', () => {
  const graph = new ResourceGraph();
  loadArm([{ path: 'virtual/main.json', explicit: true, text: MAIN }], graph, { parameters: [{ kind: 'inline', name: 'galleryName', value: 'inline-gal' }] });
  assert.is(graph.resources[0]?.fullName, 'inline-gal');
  const expression = `virtual/main.json ${spanOf(MAIN, `"[parameters('galleryName')]"`)}`;
  assert.equal(located(graph, 'resources[0]', 0, ['name']), { primary: expression, declared: expression });
});

parameters.run();
variables.run();
functions.run();
context.run();
resources.run();
nested.run();
provenance.run();
