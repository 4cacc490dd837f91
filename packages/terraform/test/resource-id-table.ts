// The edge-case table that pins what each caller reads from a resource id (see resource-id.test.ts).
// In the Terraform package because it is the one package that sees all three readers: core's
// `parseResourceId` (rules' links), core's `parseArmResourceId` (what-if, SIG vmss-os-state-change)
// and this frontend's `parseResourceId` (azapi `parent_id`, source attributes).
import { Unknown, deploymentScope, describePartial, joinParts, parseArmResourceId, parseResourceId as parseKnownId, resourceId, type Value } from '@sigil/core';
import { parseResourceId as parseTerraformId } from '../src/resource.js';

const RG = deploymentScope('resourceGroup');
const SUB = deploymentScope('subscription');
const MG = deploymentScope('managementGroup');
/** The scope identities by the name a rendered result gives them: a caller that keeps one keeps the same object. */
const IDENTITIES = new Map<Unknown, string>([
  [RG.subscriptionId as Unknown, '<rg-deployment subscription>'],
  [RG.resourceGroup as Unknown, '<rg-deployment resource group>'],
  [SUB.subscriptionId as Unknown, '<sub-deployment subscription>'],
  [MG.managementGroup as Unknown, '<mg-deployment management group>'],
]);

const G = '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries';
const VERSION = `${G}/gal/images/img/versions/1.0.0`;
/** A name that makes an id longer than core's 4096-character bound; rendered as `<LONG>`. */
const LONG = 'a'.repeat(5000);

/** Input name -> id. Names say what the case is about; they are the keys of the pinned results. */
export const INPUTS: ReadonlyArray<readonly [string, Value | undefined]> = [
  ['tenant: a management group', '/providers/Microsoft.Management/managementGroups/mg'],
  ['management group: a policy definition', '/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/policyDefinitions/p'],
  ['tenant: a tenant-level resource', '/providers/Microsoft.Resources/tenants/t'],
  ['subscription id', '/subscriptions/s'],
  ['subscription: a resource group resource', '/subscriptions/s/providers/Microsoft.Resources/resourceGroups/rg1'],
  ['resource group id, no providers', '/subscriptions/s/resourceGroups/g'],
  ['resource group id, trailing /', '/subscriptions/s/resourceGroups/g/'],
  ['resource group: a gallery', `${G}/gal`],
  ['child resource: an image version', VERSION],
  ['trailing /', `${VERSION}/`],
  ['trailing //', `${VERSION}//`],
  ['mixed case', '/SUBSCRIPTIONS/s/resourcegroups/g/Providers/Microsoft.Compute/galleries/gal'],
  ['spaces around', `  ${G}/gal  `],
  ['extension resource', '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm/providers/Microsoft.Insights/diagnosticSettings/d'],
  ['extension resource with a child', '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/gal/providers/Microsoft.Foo/bars/b/bazs/z'],
  ['resource group without subscription', '/resourceGroups/g/providers/Microsoft.Compute/galleries/gal'],
  ['empty name segment', `${G}//images/img`],
  ['empty subscription', '/subscriptions//resourceGroups/g/providers/Microsoft.Compute/galleries/gal'],
  ['empty namespace', '/subscriptions/s/resourceGroups/g/providers//galleries/gal'],
  ['type without name', G],
  ['child type without name', `${G}/gal/images`],
  ['namespace only', '/subscriptions/s/providers/Microsoft.Compute'],
  ['providers last', '/subscriptions/s/providers'],
  ['no leading /', G.slice(1) + '/gal'],
  ['subscription after providers', '/providers/Microsoft.Foo/subscriptions/x'],
  ['a literal … as subscription', '/subscriptions/…/resourceGroups/g/providers/Microsoft.Compute/galleries/gal'],
  ['abc', 'abc'],
  ['empty string', ''],
  ['a lone /', '/'],
  ['over-long', `${G}/${LONG}`],
  ['resourceId() in a resource group deployment', resourceId(RG, 'Microsoft.Compute/galleries/images', 'gal/img')],
  ['resourceId() in a subscription deployment', resourceId(SUB, 'Microsoft.Resources/resourceGroups', 'rg1')],
  ['resourceId() in a management group deployment', resourceId(MG, 'Microsoft.Authorization/policyDefinitions', 'p')],
  ['resourceId() with an unknown name', resourceId(RG, 'Microsoft.Compute/galleries/images', new Unknown('a parameter without value'))],
  ['unknown subscription only', joinParts(['/subscriptions/', RG.subscriptionId as Unknown, '/resourceGroups/g/providers/Microsoft.Compute/galleries/gal'])],
  ['unknown resource group only', joinParts(['/subscriptions/s/resourceGroups/', RG.resourceGroup as Unknown, '/providers/Microsoft.Compute/galleries/gal'])],
  ['resource group id, unknown subscription', joinParts(['/subscriptions/', RG.subscriptionId as Unknown, '/resourceGroups/g'])],
  ['unknown inside the subscription segment', joinParts(['/subscriptions/sub-', new Unknown('suffix'), '/resourceGroups/g/providers/Microsoft.Compute/galleries/gal'])],
  ['unknown name in the middle', joinParts([`${G}/`, new Unknown('gallery name'), '/images/img'])],
  ['unknown last name', joinParts([`${G}/gal/images/`, new Unknown('image name')])],
  ['unknown type segment', joinParts([`${G}/gal/`, new Unknown('child type'), '/img'])],
  ['unknown first, known tail', joinParts([new Unknown('azurerm_shared_image_gallery.g.id'), '/images/img'])],
  ['unknown prefix, providers tail', joinParts([new Unknown('a scope'), '/providers/Microsoft.Compute/galleries/gal'])],
  ['unknown without parts', new Unknown('reference() of a resource')],
  ['a number', 42],
  ['undefined', undefined],
];

/** A result as plain data (a member set to undefined kept apart from one left out): Unknowns as `?reason[readable form]`, scope identities by their name. */
export function render(v: unknown): unknown {
  if (v === undefined) return 'undefined';
  if (v === LONG) return '<LONG>';
  if (v instanceof Unknown) return IDENTITIES.get(v) ?? `?${v.reason}${v.parts ? `[${describePartial(v)}]` : ''}`;
  if (Array.isArray(v)) return v.map(render);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, render(x)]));
  return v;
}

/** What each reader gives for one input; `n/a` where its signature does not take the input. */
export function readAll(id: Value | undefined): { known: unknown; arm: unknown; terraform: unknown } {
  return {
    known: typeof id === 'string' ? render(parseKnownId(id)) : 'n/a',
    arm: typeof id === 'string' || id instanceof Unknown || id === undefined ? render(parseArmResourceId(id)) : 'n/a',
    terraform: render(parseTerraformId(id)),
  };
}
