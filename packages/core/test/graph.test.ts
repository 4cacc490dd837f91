import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  LineIndex, MAX_DEPENDENCIES, Resource, ResourceGraph, Unknown, boundedDependencies, lastSegment, memberOrigin, originOf, resourceId, setMemberOrigin,
  setOrigin, type DeploymentScope, type JsonPath, type SourceDocument, type Span, type Value, type ValueObject,
} from '../src/index.js';
import { GALLERY, IMAGE, IMAGE_VERSION, plain, resource, unknown } from './helpers.js';

const U = new Unknown('u');
const partial = (...parts: (string | Unknown)[]) => new Unknown('partial', undefined, parts);

// ---- names and ids -----------------------------------------------------------------------------

const names = suite('names and resource ids');

const lastSegments: [string, string | Unknown, unknown][] = [
  ['a nested name', 'gal/img/1.0.0', '1.0.0'],
  ['a top-level name', 'gal', 'gal'],
  ['a partial name with a known last segment', partial(U, '/img/1.0.0'), '1.0.0'],
  ['a partial name whose last segment is unknown', partial('gal/img/', U), { $unknown: 'u', parts: [unknown('u')] }],
  ['a last segment with a known suffix', partial('gal/', U, '-x'), { $unknown: 'u', parts: [unknown('u'), '-x'] }],
  ['a last segment with a known prefix', partial('gal/v-', U), { $unknown: 'u', parts: ['v-', unknown('u')] }],
  ['a wholly unknown name', U, unknown('u')],
];
for (const [name, fullName, expected] of lastSegments) {
  names(`lastSegment: ${name}`, () => assert.equal(plain(lastSegment(fullName)), expected));
}

const known = { subscriptionId: 'sub', resourceGroup: 'rg', managementGroup: 'mg' };
const ids: [string, DeploymentScope, string, string | Unknown, unknown][] = [
  ['a resource group resource', { level: 'resourceGroup', ...known }, IMAGE_VERSION, 'gal/img/1.0.0',
    '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal/images/img/versions/1.0.0'],
  ['a subscription resource', { level: 'subscription', ...known }, 'Microsoft.Resources/resourceGroups', 'rg1',
    '/subscriptions/sub/providers/Microsoft.Resources/resourceGroups/rg1'],
  ['a management group resource', { level: 'managementGroup', ...known }, 'Microsoft.Authorization/policyDefinitions', 'p1',
    '/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/policyDefinitions/p1'],
  ['a tenant resource', { level: 'tenant' }, 'Microsoft.Management/managementGroups', 'mg1',
    '/providers/Microsoft.Management/managementGroups/mg1'],
  ['an unknown subscription and resource group', { level: 'resourceGroup' }, GALLERY, 'gal', {
    $unknown: 'subscription is known only at deployment',
    parts: ['/subscriptions/', unknown('subscription is known only at deployment'), '/resourceGroups/', unknown('resource group is known only at deployment'), '/providers/Microsoft.Compute/galleries/gal'],
  }],
  ['an unknown management group', { level: 'managementGroup' }, 'Microsoft.Authorization/policyDefinitions', 'p1', {
    $unknown: 'management group', parts: ['/providers/Microsoft.Management/managementGroups/', unknown('management group'), '/providers/Microsoft.Authorization/policyDefinitions/p1'],
  }],
  ['a name with fewer segments than the type', { level: 'resourceGroup', ...known }, IMAGE, 'img', {
    $unknown: 'resource name is known only at deployment',
    parts: ['/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/', unknown('resource name is known only at deployment')],
  }],
  ['a partially known name', { level: 'resourceGroup', ...known }, IMAGE, partial('gal/', U), {
    $unknown: 'resource name is known only at deployment',
    parts: ['/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/', unknown('resource name is known only at deployment')],
  }],
];
for (const [name, scope, type, fullName, expected] of ids) {
  names(`resourceId: ${name}`, () => assert.equal(plain(resourceId(scope, type, fullName)), expected));
}

names.run();

// ---- resources -----------------------------------------------------------------------------------

const resources = suite('Resource');

resources('name, fullName, id, file and the lazy body', () => {
  let calls = 0;
  const r = new Resource({
    type: IMAGE_VERSION, apiVersion: '2023-07-03', fullName: 'gal/img/1.0.0', scope: { level: 'resourceGroup', subscriptionId: 's', resourceGroup: 'g' },
    condition: true, existing: false, dependsOn: () => [], declaration: { file: 'main.json', path: ['resources', 2] }, frontend: 'arm', label: 'version',
    body: () => {
      calls++;
      return { properties: { a: 1 } };
    },
  });
  assert.is(r.name, '1.0.0');
  assert.is(r.fullName, 'gal/img/1.0.0');
  assert.is(r.file, 'main.json');
  assert.is(r.id, '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/gal/images/img/versions/1.0.0');
  assert.is(calls, 0, 'the body is not evaluated until asked for');
  assert.equal(r.body, { properties: { a: 1 } });
  assert.is(r.body, r.body);
  assert.is(calls, 1, 'and is evaluated once');
});

resources('deployed: not existing and not conditioned off (an unknown condition counts as deployed)', () => {
  assert.is(resource({}).deployed, true);
  assert.is(resource({}, { existing: true }).deployed, false);
  assert.is(resource({}, { condition: false }).deployed, false);
  assert.is(resource({}, { condition: U }).deployed, true);
});

resources('get: a body path with case-insensitive keys and array indexes', () => {
  const r = resource({ Properties: { list: [{ Name: 'a' }, { name: U }], n: null } });
  const cases: [JsonPath, unknown][] = [
    [['properties', 'LIST', 0, 'name'], 'a'],
    [['properties', 'list', 1, 'name'], unknown('u')],
    [['properties', 'list', 1, 'name', 'deeper'], unknown('u')],
    [['properties', 'list', 5], undefined],
    [['properties', 'list', 'x'], undefined],
    [['properties', 'n'], null],
    [['properties', 'n', 'x'], undefined],
    [['missing', 'x'], undefined],
    [[], { Properties: { list: [{ Name: 'a' }, { name: unknown('u') }], n: null } }],
  ];
  for (const [path, expected] of cases) assert.equal(plain(r.get(path)), expected, JSON.stringify(path));
});

/** A resource declared at resources[0] of main.json, with provenance recorded as a frontend does. */
function declared(): { r: Resource; body: ValueObject; props: ValueObject; regions: Value[] } {
  const regions: Value[] = [{ name: 'westus' }, { name: 'eastus' }];
  setOrigin(regions, { file: 'main.json', path: ['variables', 'regions'] });
  const props: ValueObject = { name: 'x', regions, fromParams: 'p' };
  setOrigin(props, { file: 'main.json', path: ['resources', 0, 'properties'] });
  setMemberOrigin(props, 'fromParams', { file: 'main.parameters.json', path: ['parameters', 'p', 'value'] });
  const body: ValueObject = { name: 'gal', properties: props };
  setOrigin(body, { file: 'main.json', path: ['resources', 0] });
  const r = resource(body, { declaration: { file: 'main.json', path: ['resources', 0] } });
  return { r, body, props, regions };
}

const located: [string, JsonPath, unknown, unknown][] = [
  ['a property written in the resource', ['properties', 'name'],
    { file: 'main.json', path: ['resources', 0, 'properties', 'name'] }, { file: 'main.json', path: ['resources', 0, 'properties', 'name'] }],
  ['a value from the parameters file: primary there, declared at the property', ['properties', 'fromParams'],
    { file: 'main.parameters.json', path: ['parameters', 'p', 'value'] }, { file: 'main.json', path: ['resources', 0, 'properties', 'fromParams'] }],
  ['an element of an array from a variable: primary in the variable, declared at the property', ['properties', 'regions', 1, 'name'],
    { file: 'main.json', path: ['variables', 'regions', 1] }, { file: 'main.json', path: ['resources', 0, 'properties', 'regions'] }],
  ['the resource name', ['name'], { file: 'main.json', path: ['resources', 0, 'name'] }, { file: 'main.json', path: ['resources', 0, 'name'] }],
  ['an empty path is the body itself', [], { file: 'main.json', path: ['resources', 0] }, { file: 'main.json', path: ['resources', 0] }],
];
for (const [name, path, primary, decl] of located) {
  resources(`locate: ${name}`, () => {
    const { r } = declared();
    assert.equal(r.locate(path), { primary, declared: decl });
  });
}

resources('locate: member origins are recorded by exact key (evidence paths spell keys as the body does)', () => {
  const { r } = declared();
  // `PROPERTIES` still reaches the container, whose own origin then places `name`.
  assert.equal(r.locate(['PROPERTIES', 'name']).primary, { file: 'main.json', path: ['resources', 0, 'properties', 'name'] });
  // A member spelled in another case misses the origin recorded for `fromParams`.
  assert.equal(r.locate(['properties', 'FROMPARAMS']).primary, { file: 'main.json', path: ['resources', 0, 'properties', 'FROMPARAMS'] });
});

resources('locate: without provenance, the declaration', () => {
  const r = resource({ properties: { a: 1 } }, { declaration: { file: 'main.json', path: ['resources', 3] } });
  const decl = { file: 'main.json', path: ['resources', 3] };
  assert.equal(r.locate(['properties', 'a']), { primary: decl, declared: decl });
});

resources('locate: stops at an unknown container', () => {
  const props: ValueObject = { list: U };
  setOrigin(props, { file: 'main.json', path: ['resources', 0, 'properties'] });
  const body: ValueObject = { properties: props };
  setOrigin(body, { file: 'main.json', path: ['resources', 0] });
  const r = resource(body, { declaration: { file: 'main.json', path: ['resources', 0] } });
  assert.equal(r.locate(['properties', 'list', 0, 'name']).primary, { file: 'main.json', path: ['resources', 0, 'properties', 'list'] });
});

resources('provenance: originOf, memberOrigin, and setOrigin replacing an earlier origin', () => {
  const o: ValueObject = {};
  assert.is(originOf(o), undefined);
  assert.equal(memberOrigin(o, 'a'), {});
  setMemberOrigin(o, 'a', { file: 'p.json', path: ['x'] });
  assert.equal(memberOrigin(o, 'a'), { value: { file: 'p.json', path: ['x'] } });
  setOrigin(o, { file: 'm.json', path: ['v'] });
  setOrigin(o, { file: 'm.json', path: ['w'] });
  assert.equal(originOf(o), { file: 'm.json', path: ['w'] });
  assert.equal(memberOrigin(o, 'a'), { slot: { file: 'm.json', path: ['w', 'a'] }, value: { file: 'p.json', path: ['x'] } });
  assert.equal(memberOrigin(o, 'b'), { slot: { file: 'm.json', path: ['w', 'b'] }, value: { file: 'm.json', path: ['w', 'b'] } });
  const noPath: ValueObject = {};
  setOrigin(noPath, { file: 'n.bicep' });
  assert.equal(memberOrigin(noPath, 'a'), { slot: { file: 'n.bicep' }, value: { file: 'n.bicep' } });
});

resources.run();

// ---- graph and source text --------------------------------------------------------------------------

const graphs = suite('ResourceGraph and LineIndex');

function doc(file: string, text: string, paths: Record<string, [number, number]>): SourceDocument {
  const index = new LineIndex(text);
  return {
    file,
    text,
    locate: (path) => {
      const hit = paths[JSON.stringify(path)];
      return hit ? index.span(hit[0], hit[1]) : undefined;
    },
  };
}

graphs('ofType ignores case; resources keep their order', () => {
  const g = new ResourceGraph();
  const a = resource({}, { type: GALLERY, label: 'a' });
  const b = resource({}, { type: IMAGE, label: 'b' });
  const c = resource({}, { type: GALLERY, label: 'c' });
  [a, b, c].forEach((r) => g.add(r));
  assert.equal(g.ofType('microsoft.compute/GALLERIES').map((r) => r.label), ['a', 'c']);
  assert.equal(g.resources.map((r) => r.label), ['a', 'b', 'c']);
  assert.equal(g.ofType('Microsoft.Other/x'), []);
});

graphs('span: an explicit span, a path in a known document, or nothing', () => {
  const g = new ResourceGraph();
  g.addDocument(doc('main.json', '{\n  "name": "x"\n}', { '["name"]': [4, 6] }));
  const explicit: Span = { start: { line: 9, column: 9, offset: 99 }, end: { line: 9, column: 10, offset: 100 } };
  assert.equal(g.span({ file: 'other.json', span: explicit }), explicit);
  assert.equal(g.span({ file: 'main.json', path: ['name'] }), { start: { line: 2, column: 3, offset: 4 }, end: { line: 2, column: 9, offset: 10 } });
  assert.is(g.span({ file: 'main.json', path: ['missing'] }), undefined);
  assert.is(g.span({ file: 'unknown.json', path: ['name'] }), undefined);
  assert.is(g.span({ file: 'main.json' }), undefined);
  assert.is(g.document('main.json')?.file, 'main.json');
});

graphs('diagnose records each distinct diagnostic once', () => {
  const g = new ResourceGraph();
  const d = { severity: 'note' as const, file: 'a.json', message: 'm', ref: { file: 'a.json', path: ['x'] } };
  g.diagnose(d);
  g.diagnose({ ...d });
  g.diagnose({ ...d, message: 'other' });
  g.diagnose({ ...d, ref: { file: 'a.json', path: ['y'] } });
  assert.equal(g.diagnostics.map((x) => `${x.message} ${JSON.stringify(x.ref?.path)}`), ['m ["x"]', 'other ["x"]', 'm ["y"]']);
});

graphs('LineIndex: positions are 1-based lines and UTF-16 columns; CRLF lines exclude the CR', () => {
  const text = 'ab\r\ncd\n\né';
  const index = new LineIndex(text);
  assert.is(index.lineCount, 4);
  assert.equal(index.position(0), { line: 1, column: 1, offset: 0 });
  assert.equal(index.position(4), { line: 2, column: 1, offset: 4 });
  assert.equal(index.position(5), { line: 2, column: 2, offset: 5 });
  assert.equal(index.position(8), { line: 4, column: 1, offset: 8 });
  assert.equal(index.span(4, 2), { start: { line: 2, column: 1, offset: 4 }, end: { line: 2, column: 3, offset: 6 } });
  assert.equal([1, 2, 3, 4, 5].map((l) => index.lineText(l)), ['ab', 'cd', '', 'é', '']);
});

graphs('a resource waiting for more than MAX_DEPENDENCIES resources lists one Unknown instead', () => {
  const ids = Array.from({ length: MAX_DEPENDENCIES }, (_, i) => `r${i}`);
  assert.equal(boundedDependencies(ids, 'x'), ids);
  const over = boundedDependencies([...ids, 'one more'], 'x');
  assert.is(over.length, 1);
  assert.instance(over[0], Unknown);
  assert.is((over[0] as Unknown).reason, `x waits for more than ${MAX_DEPENDENCIES} resources; they are not listed`);
});

graphs.run();
