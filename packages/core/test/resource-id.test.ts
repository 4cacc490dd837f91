import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ResourceGraph, Unknown, deploymentScope, idKey, joinParts, parentKey, parseResourceId, readResourceId, resourceId, scopeUnknown, typeOfKey,
  type DeploymentScope,
} from '../src/index.js';
import { GALLERY, IMAGE, IMAGE_VERSION, resource } from './helpers.js';

const SUB = '00000000-0000-0000-0000-000000000000';
const KNOWN: DeploymentScope = { level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'rg-images' };
const VERSION_ID = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal/images/img/versions/1.0.0`;

const keys = suite('resource ids: keys and parsing');

keys('a known id: lower case, trailing slashes and spaces removed', () => {
  assert.is(idKey(`  ${VERSION_ID.toUpperCase()}// `), VERSION_ID.toLowerCase());
  assert.is(idKey(VERSION_ID), idKey(VERSION_ID.replace('Microsoft.Compute', 'microsoft.compute')));
});

keys('not an id: no key', () => {
  for (const v of ['', 'gal/img', 42, null, undefined, { id: VERSION_ID }, `/x${'a'.repeat(5000)}`]) assert.is(idKey(v), undefined, JSON.stringify(v));
});

keys('an id with a value known only at deployment has no key, even twice the same Unknown', () => {
  const u = new Unknown('a parameter without value');
  const id = joinParts(['/subscriptions/', u, '/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal']);
  assert.is(idKey(id), undefined);
  assert.is(idKey(u), undefined);
});

keys('a deployment scope identity is one token, equal only to itself', () => {
  const scope = deploymentScope('resourceGroup');
  const a = resourceId(scope, GALLERY, 'gal');
  // The same scope through another route (an id written by joining parts, as resourceId() does).
  const b = joinParts(['/subscriptions/', scope.subscriptionId as Unknown, '/resourceGroups/', scope.resourceGroup as Unknown, '/providers/Microsoft.Compute/galleries/GAL/']);
  assert.type(idKey(a), 'string');
  assert.is(idKey(a), idKey(b));
  // Another deployment with the same unknown parts is another scope.
  assert.is.not(idKey(resourceId(deploymentScope('resourceGroup'), GALLERY, 'gal')), idKey(a));
  // A token wrapped in a partial string (splitParts makes such wrappers) is still the same token.
  const wrapped = new Unknown('wrapped', undefined, [scope.subscriptionId as Unknown]);
  assert.is(idKey(joinParts(['/subscriptions/', wrapped, '/resourceGroups/', scope.resourceGroup as Unknown, '/providers/Microsoft.Compute/galleries/gal'])), idKey(a));
});

keys('deploymentScope: one identity per unknown part, by level', () => {
  const rg = deploymentScope('resourceGroup');
  assert.ok(rg.subscriptionId instanceof Unknown && rg.resourceGroup instanceof Unknown && rg.subscriptionId !== rg.resourceGroup);
  assert.equal(Object.keys(deploymentScope('subscription')), ['level', 'subscriptionId']);
  assert.equal(Object.keys(deploymentScope('managementGroup')), ['level', 'managementGroup']);
  assert.equal(deploymentScope('tenant'), { level: 'tenant' });
  assert.is(idKey(scopeUnknown('x')), undefined, 'a bare scope part is not an id');
});

keys('parentKey: the id without its last type and name', () => {
  assert.is(parentKey(idKey(VERSION_ID) as string), `/subscriptions/${SUB}/resourcegroups/rg-images/providers/microsoft.compute/galleries/gal/images/img`);
  assert.is(parentKey(`/subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.compute/galleries/gal`), undefined);
  assert.is(parentKey('/subscriptions/x'), undefined);
});

keys('typeOfKey: the type an id names', () => {
  assert.is(typeOfKey(idKey(VERSION_ID) as string), 'microsoft.compute/galleries/images/versions');
  assert.is(typeOfKey('/subscriptions/s/resourcegroups/rg'), undefined);
  assert.is(typeOfKey('/subscriptions/s/providers/microsoft.compute/galleries'), undefined);
});

keys('parseResourceId', () => {
  assert.equal(parseResourceId(VERSION_ID), { subscriptionId: SUB, resourceGroup: 'rg-images', type: IMAGE_VERSION, names: ['gal', 'img', '1.0.0'] });
  assert.equal(parseResourceId('/providers/Microsoft.Management/managementGroups/mg/'), { subscriptionId: undefined, resourceGroup: undefined, type: 'Microsoft.Management/managementGroups', names: ['mg'] });
  for (const bad of ['', 'gal', `/subscriptions/${SUB}/resourceGroups/rg`, '/resourceGroups/rg/providers/A/b/c', '/subscriptions/s/providers/A/b', '/subscriptions/s/providers/A/b/c/providers/B/d/e', '/subscriptions/s/providers/A/b//c']) {
    assert.is(parseResourceId(bad), undefined, bad);
  }
});

keys('readResourceId: where each part is, the type and names after the LAST providers', () => {
  const ext = '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm/providers/Microsoft.Insights/diagnosticSettings/d';
  const parts = readResourceId(ext);
  assert.equal({ ...parts, segments: undefined }, {
    segments: undefined,
    subscriptionsAt: 1, resourceGroupsAt: 3, managementGroupsAt: -1,
    subscriptionId: 's', resourceGroup: 'g', managementGroup: undefined,
    providersAt: 9, namespace: 'Microsoft.Insights', types: ['diagnosticSettings'], names: ['d'],
  });
  assert.equal(readResourceId('/subscriptions/s/resourceGroups/g')?.types, undefined, 'no providers: no types');
  assert.equal(readResourceId('/subscriptions/s/providers/Microsoft.Compute')?.types, [], 'nothing after the namespace');
  assert.equal(readResourceId(`${VERSION_ID}/`)?.types, undefined, 'a trailing / leaves an odd segment');
  assert.equal(readResourceId('/PROVIDERS/Microsoft.Management/ManagementGroups/mg')?.managementGroup, 'mg');
  assert.is(readResourceId(new Unknown('reference()')), undefined, 'an Unknown without known parts');
});

keys('readResourceId: unknown parts stay Unknown; types and names only where they are certain', () => {
  const scope = deploymentScope('resourceGroup');
  const one = readResourceId(joinParts(['/subscriptions/', scope.subscriptionId as Unknown, '/resourceGroups/g/providers/Microsoft.Compute/galleries/gal']));
  assert.ok(one?.subscriptionId instanceof Unknown);
  assert.is(one?.resourceGroup, 'g');
  assert.equal([one?.types, one?.names], [['galleries'], ['gal']]);
  // Two unknown parts: the segments between them are one Unknown (either could hold a `/`).
  const two = readResourceId(resourceId(scope, IMAGE, 'gal/img'));
  assert.ok(two?.subscriptionId instanceof Unknown);
  assert.equal([two?.resourceGroupsAt, two?.resourceGroup], [-1, undefined]);
  assert.equal([two?.namespace, two?.types, two?.names], ['Microsoft.Compute', ['galleries', 'images'], ['gal', 'img']]);
  // An unknown name: how many segments follow is not known, so neither are the types.
  const name = readResourceId(joinParts(['/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/', new Unknown('n'), '/images/img']));
  assert.equal([name?.subscriptionId, name?.namespace, name?.types, name?.names], ['s', 'Microsoft.Compute', undefined, undefined]);
});

keys.run();

const links = suite('ResourceGraph: byId and childrenOf');

function graphOf(...resources: ReturnType<typeof resource>[]): ResourceGraph {
  const g = new ResourceGraph();
  for (const r of resources) g.add(r);
  return g;
}

links('byId finds a declared resource by a known id, ignoring case', () => {
  const version = resource({}, { scope: KNOWN });
  const g = graphOf(resource({}, { type: IMAGE, fullName: 'gal/img', scope: KNOWN }), version);
  assert.is(g.byId(VERSION_ID.toLowerCase()), version);
  assert.is(g.byId(`${VERSION_ID}/`), version);
  assert.is(g.byId(VERSION_ID.replace('1.0.0', '1.0.1')), undefined);
  assert.is(g.byId(new Unknown('u')), undefined);
  assert.is(g.byId(undefined), undefined);
});

links('byId through one deployment\'s unknown scope: only that deployment\'s resources', () => {
  const scope = deploymentScope('resourceGroup');
  const version = resource({}, { scope });
  const other = resource({}, { scope: deploymentScope('resourceGroup'), fullName: 'gal/img/2.0.0' });
  const g = graphOf(version, other);
  assert.is(g.byId(resourceId(scope, IMAGE_VERSION, 'gal/img/1.0.0')), version);
  assert.is(g.byId(resourceId(scope, IMAGE_VERSION, 'gal/img/2.0.0')), undefined, 'same name in another deployment');
  assert.is(g.byId(VERSION_ID), undefined, 'a known id does not match an unknown scope');
  // A resource group given by name keeps the deployment's subscription.
  const named: DeploymentScope = { level: 'resourceGroup', subscriptionId: scope.subscriptionId as Unknown, resourceGroup: 'rg-images' };
  const inNamed = resource({}, { scope: named, fullName: 'gal/img/3.0.0' });
  g.add(inNamed);
  assert.is(g.byId(joinParts(['/subscriptions/', scope.subscriptionId as Unknown, '/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal/images/img/versions/3.0.0'])), inNamed);
});

links('byId: a deployed declaration over an existing one; two deployed declarations are ambiguous; condition false is not there', () => {
  const existing = resource({}, { scope: KNOWN, existing: true });
  const deployed = resource({}, { scope: KNOWN });
  assert.is(graphOf(existing, deployed).byId(VERSION_ID), deployed);
  assert.is(graphOf(existing).byId(VERSION_ID), existing);
  assert.is(graphOf(deployed, resource({}, { scope: KNOWN })).byId(VERSION_ID), undefined);
  assert.is(graphOf(resource({}, { scope: KNOWN, condition: false })).byId(VERSION_ID), undefined);
  // Resources of other types are not evaluated to answer (their names are never read).
  let read = false;
  const other = resource({}, { type: GALLERY, fullName: 'gal', scope: KNOWN });
  Object.defineProperty(other, 'fullName', { get: () => { read = true; return 'gal'; } });
  graphOf(other, deployed).byId(VERSION_ID);
  assert.not.ok(read, 'the gallery\'s name was not evaluated');
  // The index follows resources added later.
  const g = graphOf();
  assert.is(g.byId(VERSION_ID), undefined);
  g.add(deployed);
  assert.is(g.byId(VERSION_ID), deployed);
});

links('parentOf: the declared parent, through a known or a deployment-scope id', () => {
  const definition = resource({}, { type: IMAGE, fullName: 'gal/img', scope: KNOWN });
  const version = resource({}, { scope: KNOWN });
  assert.is(graphOf(definition, version).parentOf(version), definition);
  assert.is(graphOf(version).parentOf(version), undefined);
  const scope = deploymentScope('resourceGroup');
  const inScope = resource({}, { type: IMAGE, fullName: 'gal/img', scope });
  const child = resource({}, { scope });
  assert.is(graphOf(definition, inScope, child).parentOf(child), inScope);
  assert.is(graphOf(definition).parentOf(definition), undefined, 'gal/img\'s parent gallery is not declared');
  assert.is(graphOf(resource({}, { scope: KNOWN, fullName: new Unknown('n') })).parentOf(resource({}, { scope: KNOWN, fullName: new Unknown('n') })), undefined);
});

links('childrenOf: declared children; incomplete when one could be a child or may not be deployed', () => {
  const definition = resource({}, { type: IMAGE, fullName: 'gal/img', scope: KNOWN });
  const v1 = resource({}, { scope: KNOWN, fullName: 'gal/img/1.0.0' });
  const v2 = resource({}, { scope: KNOWN, fullName: 'gal/IMG/2.0.0' });
  const elsewhere = resource({}, { scope: KNOWN, fullName: 'gal/other/1.0.0' });
  const off = resource({}, { scope: KNOWN, fullName: 'gal/img/9.0.0', condition: false });
  assert.equal(graphOf(definition, v1, v2, elsewhere, off).childrenOf(definition, IMAGE_VERSION), { children: [v1, v2], complete: true });
  const maybe = resource({}, { scope: KNOWN, fullName: 'gal/img/3.0.0', condition: new Unknown('c') });
  assert.equal(graphOf(definition, v1, maybe).childrenOf(definition, IMAGE_VERSION), { children: [v1], complete: false });
  const unnamed = resource({}, { scope: KNOWN, fullName: new Unknown('a parameter') });
  assert.equal(graphOf(definition, v1, unnamed).childrenOf(definition, IMAGE_VERSION), { children: [v1], complete: false });
});

links.run();
