import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { declaredScopesOfRuns, exceptModules, isScopeIdentity, rootDeploymentScope, type DeclaredScope, type ScopeDeclarations } from '../src/index.js';

const declared = suite('declared deployment scopes');

const SUB = '00000000-0000-0000-0000-000000000000';
const IMAGES: DeclaredScope = { subscriptionId: SUB, resourceGroup: 'rg-images' };
const DEV: DeclaredScope = { subscriptionId: SUB, resourceGroup: 'rg-dev' };

declared('a root deployment takes the declared parts its level has; the rest stay scope identities', () => {
  assert.equal(rootDeploymentScope('resourceGroup', IMAGES), { level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'rg-images' });
  assert.equal(rootDeploymentScope('subscription', IMAGES), { level: 'subscription', subscriptionId: SUB });
  const groupUnknown = rootDeploymentScope('resourceGroup', { subscriptionId: SUB });
  assert.is(groupUnknown.subscriptionId, SUB);
  assert.ok(isScopeIdentity(groupUnknown.resourceGroup));
  const mg = rootDeploymentScope('managementGroup', IMAGES);
  assert.is(mg.subscriptionId, undefined);
  assert.ok(isScopeIdentity(mg.managementGroup));
  assert.equal(rootDeploymentScope('tenant', IMAGES), { level: 'tenant' });
  const none = rootDeploymentScope('resourceGroup', undefined);
  assert.ok(isScopeIdentity(none.subscriptionId) && isScopeIdentity(none.resourceGroup));
});

declared('each run takes its parameters file\'s declaration, else the template\'s; one scope shared by runs is dropped', () => {
  const table: Record<string, DeclaredScope> = { '/t/main.json': IMAGES, '/t/main.parameters.dev.json': DEV };
  const lookup: ScopeDeclarations = (file) => table[file];
  assert.equal(declaredScopesOfRuns('/t/main.json', [undefined], lookup), { scopes: [IMAGES], ambiguous: false });
  assert.equal(declaredScopesOfRuns('/t/main.json', ['/t/main.parameters.dev.json', '/t/main.parameters.prod.json'], lookup), { scopes: [DEV, IMAGES], ambiguous: false });
  // Two runs in rg-images (the template's declaration and an equal one, case aside): neither takes it.
  table['/t/main.parameters.test.json'] = { subscriptionId: SUB.toUpperCase(), resourceGroup: 'RG-IMAGES' };
  assert.equal(declaredScopesOfRuns('/t/main.json', ['/t/main.parameters.dev.json', '/t/main.parameters.prod.json', '/t/main.parameters.test.json'], lookup), { scopes: [DEV, undefined, undefined], ambiguous: true });
  assert.equal(declaredScopesOfRuns('/t/main.json', [undefined, undefined], undefined), { scopes: [undefined, undefined], ambiguous: false });
});

declared('module files take no declaration', () => {
  const lookup: ScopeDeclarations = () => IMAGES;
  const without = exceptModules(lookup, new Set(['/t/modules/gallery.bicep']));
  assert.is(without?.('/t/modules/gallery.bicep'), undefined);
  assert.is(without?.('/t/main.bicep'), IMAGES);
  assert.is(exceptModules(lookup, new Set()), lookup);
  assert.is(exceptModules(undefined, new Set(['/t/a.bicep'])), undefined);
});

declared.run();
