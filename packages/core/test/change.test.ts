import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ChangeSet, Unknown, changedValue, parseArmResourceId, remains, resourceId, sameResource, type ResourceChange } from '../src/index.js';
import { GALLERY, IMAGE, IMAGE_VERSION, resource } from './helpers.js';

const s = suite('changes');

const ID = '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal/images/img/versions/1.0.0';

s('parseArmResourceId: scope, type and full name of an id', () => {
  assert.equal(parseArmResourceId(ID), { type: IMAGE_VERSION, fullName: 'gal/img/1.0.0', scope: { level: 'resourceGroup', subscriptionId: 'sub', resourceGroup: 'rg' } });
  assert.equal(parseArmResourceId('/subscriptions/sub/providers/Microsoft.Resources/resourceGroups/rg1'), { type: 'Microsoft.Resources/resourceGroups', fullName: 'rg1', scope: { level: 'subscription', subscriptionId: 'sub' } });
  // resourceId() in a template: the subscription and resource group are known only at deployment.
  const parsed = parseArmResourceId(resourceId({ level: 'resourceGroup' }, IMAGE, 'gal/img'));
  assert.equal([parsed?.type, parsed?.fullName, parsed?.scope.level, parsed?.scope.subscriptionId instanceof Unknown], [IMAGE, 'gal/img', 'resourceGroup', true]);
  // Not ids, or ids whose names are unknown.
  assert.is(parseArmResourceId('gal/img'), undefined);
  assert.is(parseArmResourceId('/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/galleries'), undefined);
  assert.is(parseArmResourceId(new Unknown('x', undefined, ['/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/galleries/', new Unknown('name')])), undefined);
});

s('sameResource: type and full name ignore case; scope parts count only where both sides know them', () => {
  const a = resource({}, { fullName: 'Gal/Img/1.0.0', scope: { level: 'resourceGroup', subscriptionId: 'sub', resourceGroup: 'RG' } });
  assert.ok(sameResource(a, resource({}, { fullName: 'gal/img/1.0.0', scope: { level: 'resourceGroup', subscriptionId: 'SUB', resourceGroup: 'rg' } })));
  assert.ok(sameResource(a, resource({}, { fullName: 'gal/img/1.0.0', scope: { level: 'resourceGroup' } })), 'the deployment\'s resource group');
  assert.not.ok(sameResource(a, resource({}, { fullName: 'gal/img/1.0.0', scope: { level: 'resourceGroup', subscriptionId: 'sub', resourceGroup: 'other' } })));
  assert.not.ok(sameResource(a, resource({}, { fullName: 'gal/img/1.0.1' })));
  assert.not.ok(sameResource(a, resource({}, { type: IMAGE, fullName: 'gal/img/1.0.0' })));
  assert.not.ok(sameResource(resource({}, { fullName: new Unknown('n') }), resource({}, { fullName: new Unknown('n') })), 'unknown names never match');
});

s('changedValue: both values known and different; case, absence and Unknown are no change', () => {
  const before = resource({ properties: { osType: 'Windows', osState: 'Generalized', sku: 'a', list: [1, 2] } });
  const after = resource({ properties: { osType: 'Linux', osState: 'generalized', sku: new Unknown('p'), list: [1, 3] } });
  assert.equal(changedValue(before, after, ['properties', 'osType']), { before: 'Windows', after: 'Linux' });
  assert.is(changedValue(before, after, ['properties', 'osState']), undefined);
  assert.is(changedValue(before, after, ['properties', 'sku']), undefined);
  assert.is(changedValue(before, after, ['properties', 'hyperVGeneration']), undefined);
  assert.equal(changedValue(before, after, ['properties', 'list']), { before: [1, 2], after: [1, 3] });
});

s('ChangeSet: changes by type and by resource; the nested resources of a change, and which of them stay', () => {
  const set = new ChangeSet();
  const gallery: ResourceChange = { action: 'delete', origin: 'plan', before: resource({}, { type: GALLERY, fullName: 'gal' }) };
  const image = resource({}, { type: IMAGE, fullName: 'gal/img' });
  const kept: ResourceChange = { action: 'noop', origin: 'plan', before: image, after: image };
  const created: ResourceChange = { action: 'create', origin: 'plan', after: resource({}, { type: IMAGE, fullName: 'gal/new' }) };
  const elsewhere: ResourceChange = { action: 'noop', origin: 'what-if', before: image, after: resource({}, { type: IMAGE, fullName: 'gal/img' }) };
  const version: ResourceChange = { action: 'update', origin: 'plan', before: resource({}), after: resource({}) };
  for (const c of [gallery, kept, created, elsewhere, version]) set.add(c);
  assert.equal(set.ofType(IMAGE.toLowerCase()), [kept, created, elsewhere]);
  assert.is(set.of(image), kept);
  // Direct children from the same source only: not the version (a grandchild), not the what-if change.
  assert.equal(set.childrenOf(gallery), [kept, created]);
  assert.equal(set.childrenOf(gallery).filter(remains), [kept]);
});

s.run();
