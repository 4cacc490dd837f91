// Pins what each of the three callers that read a resource id gets today, on one edge-case table
// (inputs in resource-id-table.ts): core's string reader (rules' links), the what-if reader
// (`parseArmResourceId`) and the Terraform frontend's (azapi `parent_id`, source attributes). They
// share one parser in core; where they disagree on an input the disagreement is pinned on purpose
// (see the comments in core's resource-id.ts): this table is not where to change it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { INPUTS, readAll } from './resource-id-table.js';

const PINNED: Record<string, { known: unknown; arm: unknown; terraform: unknown }> = {
  "tenant: a management group": {
    known: {"subscriptionId":"undefined","resourceGroup":"undefined","type":"Microsoft.Management/managementGroups","names":["mg"]},
    arm: {"type":"Microsoft.Management/managementGroups","fullName":"mg","scope":{"level":"tenant"}},
    terraform: {"names":["mg"]},
  },
  "management group: a policy definition": {
    known: "undefined",
    arm: {"type":"Microsoft.Authorization/policyDefinitions","fullName":"p","scope":{"level":"managementGroup","managementGroup":"mg"}},
    terraform: {"names":["p"]},
  },
  "tenant: a tenant-level resource": {
    known: {"subscriptionId":"undefined","resourceGroup":"undefined","type":"Microsoft.Resources/tenants","names":["t"]},
    arm: {"type":"Microsoft.Resources/tenants","fullName":"t","scope":{"level":"tenant"}},
    terraform: {"names":["t"]},
  },
  "subscription id": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s"},
  },
  "subscription: a resource group resource": {
    known: {"subscriptionId":"s","resourceGroup":"undefined","type":"Microsoft.Resources/resourceGroups","names":["rg1"]},
    arm: {"type":"Microsoft.Resources/resourceGroups","fullName":"rg1","scope":{"level":"subscription","subscriptionId":"s"}},
    terraform: {"subscriptionId":"s","resourceGroup":"rg1","names":["rg1"]},
  },
  "resource group id, no providers": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":[]},
  },
  "resource group id, trailing /": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g"},
  },
  "resource group: a gallery": {
    known: {"subscriptionId":"s","resourceGroup":"g","type":"Microsoft.Compute/galleries","names":["gal"]},
    arm: {"type":"Microsoft.Compute/galleries","fullName":"gal","scope":{"level":"resourceGroup","subscriptionId":"s","resourceGroup":"g"}},
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["gal"]},
  },
  "child resource: an image version": {
    known: {"subscriptionId":"s","resourceGroup":"g","type":"Microsoft.Compute/galleries/images/versions","names":["gal","img","1.0.0"]},
    arm: {"type":"Microsoft.Compute/galleries/images/versions","fullName":"gal/img/1.0.0","scope":{"level":"resourceGroup","subscriptionId":"s","resourceGroup":"g"}},
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["gal","img","1.0.0"]},
  },
  "trailing /": {
    known: {"subscriptionId":"s","resourceGroup":"g","type":"Microsoft.Compute/galleries/images/versions","names":["gal","img","1.0.0"]},
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g"},
  },
  "trailing //": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["gal","img","1.0.0",""]},
  },
  "mixed case": {
    known: {"subscriptionId":"s","resourceGroup":"g","type":"Microsoft.Compute/galleries","names":["gal"]},
    arm: {"type":"Microsoft.Compute/galleries","fullName":"gal","scope":{"level":"resourceGroup","subscriptionId":"s","resourceGroup":"g"}},
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["gal"]},
  },
  "spaces around": {
    known: {"subscriptionId":"s","resourceGroup":"g","type":"Microsoft.Compute/galleries","names":["gal"]},
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["gal  "]},
  },
  "extension resource": {
    known: "undefined",
    arm: {"type":"Microsoft.Insights/diagnosticSettings","fullName":"d","scope":{"level":"resourceGroup","subscriptionId":"s","resourceGroup":"g"}},
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["d"]},
  },
  "extension resource with a child": {
    known: "undefined",
    arm: {"type":"Microsoft.Foo/bars/bazs","fullName":"b/z","scope":{"level":"resourceGroup","subscriptionId":"s","resourceGroup":"g"}},
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["b","z"]},
  },
  "resource group without subscription": {
    known: "undefined",
    arm: {"type":"Microsoft.Compute/galleries","fullName":"gal","scope":{"level":"resourceGroup","resourceGroup":"g"}},
    terraform: {"resourceGroup":"g","names":["gal"]},
  },
  "empty name segment": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["","img"]},
  },
  "empty subscription": {
    known: "undefined",
    arm: {"type":"Microsoft.Compute/galleries","fullName":"gal","scope":{"level":"resourceGroup","subscriptionId":"","resourceGroup":"g"}},
    terraform: {"subscriptionId":"","resourceGroup":"g","names":["gal"]},
  },
  "empty namespace": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["gal"]},
  },
  "type without name": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g"},
  },
  "child type without name": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g"},
  },
  "namespace only": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","names":[]},
  },
  "providers last": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","names":[]},
  },
  "no leading /": {
    known: "undefined",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["gal"]},
  },
  "subscription after providers": {
    known: {"subscriptionId":"undefined","resourceGroup":"undefined","type":"Microsoft.Foo/subscriptions","names":["x"]},
    arm: {"type":"Microsoft.Foo/subscriptions","fullName":"x","scope":{"level":"tenant"}},
    terraform: {"subscriptionId":"x","names":["x"]},
  },
  "a literal … as subscription": {
    known: {"subscriptionId":"…","resourceGroup":"g","type":"Microsoft.Compute/galleries","names":["gal"]},
    arm: {"type":"Microsoft.Compute/galleries","fullName":"gal","scope":{"level":"resourceGroup","subscriptionId":"?subscription is known only at deployment","resourceGroup":"g"}},
    terraform: {"subscriptionId":"…","resourceGroup":"g","names":["gal"]},
  },
  "abc": {
    known: "undefined",
    arm: "undefined",
    terraform: {},
  },
  "empty string": {
    known: "undefined",
    arm: "undefined",
    terraform: {},
  },
  "a lone /": {
    known: "undefined",
    arm: "undefined",
    terraform: {},
  },
  "over-long": {
    known: "undefined",
    arm: {"type":"Microsoft.Compute/galleries","fullName":"<LONG>","scope":{"level":"resourceGroup","subscriptionId":"s","resourceGroup":"g"}},
    terraform: {"subscriptionId":"s","resourceGroup":"g","names":["<LONG>"]},
  },
  "resourceId() in a resource group deployment": {
    known: "n/a",
    arm: {"type":"Microsoft.Compute/galleries/images","fullName":"gal/img","scope":{"level":"resourceGroup","subscriptionId":"?subscription is known only at deployment","resourceGroup":"?resource group is known only at deployment"}},
    terraform: {"subscriptionId":"?the subscription is known only at deployment[…/resourceGroups/…]","names":["gal","img"]},
  },
  "resourceId() in a subscription deployment": {
    known: "n/a",
    arm: {"type":"Microsoft.Resources/resourceGroups","fullName":"rg1","scope":{"level":"subscription","subscriptionId":"?subscription is known only at deployment"}},
    terraform: {"subscriptionId":"?the subscription is known only at deployment[…]","resourceGroup":"rg1","names":["rg1"]},
  },
  "resourceId() in a management group deployment": {
    known: "n/a",
    arm: {"type":"Microsoft.Authorization/policyDefinitions","fullName":"p","scope":{"level":"managementGroup","managementGroup":"?resource group is known only at deployment"}},
    terraform: {"names":["p"]},
  },
  "resourceId() with an unknown name": {
    known: "n/a",
    arm: "undefined",
    terraform: {"subscriptionId":"?the subscription is known only at deployment[…/resourceGroups/…/providers/Microsoft.Compute/…]"},
  },
  "unknown subscription only": {
    known: "n/a",
    arm: {"type":"Microsoft.Compute/galleries","fullName":"gal","scope":{"level":"resourceGroup","subscriptionId":"?subscription is known only at deployment","resourceGroup":"g"}},
    terraform: {"subscriptionId":"?the subscription is known only at deployment[…]","resourceGroup":"g","names":["gal"]},
  },
  "unknown resource group only": {
    known: "n/a",
    arm: {"type":"Microsoft.Compute/galleries","fullName":"gal","scope":{"level":"resourceGroup","subscriptionId":"s","resourceGroup":"?resource group is known only at deployment"}},
    terraform: {"subscriptionId":"s","resourceGroup":"?the resource group is known only at deployment[…]","names":["gal"]},
  },
  "resource group id, unknown subscription": {
    known: "n/a",
    arm: "undefined",
    terraform: {"subscriptionId":"?the subscription is known only at deployment[…]","resourceGroup":"g","names":[]},
  },
  "unknown inside the subscription segment": {
    known: "n/a",
    arm: {"type":"Microsoft.Compute/galleries","fullName":"gal","scope":{"level":"resourceGroup","subscriptionId":"?subscription is known only at deployment","resourceGroup":"g"}},
    terraform: {"subscriptionId":"?suffix[sub-…]","resourceGroup":"g","names":["gal"]},
  },
  "unknown name in the middle": {
    known: "n/a",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g"},
  },
  "unknown last name": {
    known: "n/a",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g"},
  },
  "unknown type segment": {
    known: "n/a",
    arm: "undefined",
    terraform: {"subscriptionId":"s","resourceGroup":"g"},
  },
  "unknown first, known tail": {
    known: "n/a",
    arm: "undefined",
    terraform: {},
  },
  "unknown prefix, providers tail": {
    known: "n/a",
    arm: "undefined",
    terraform: {"names":["gal"]},
  },
  "unknown without parts": {
    known: "n/a",
    arm: "undefined",
    terraform: {},
  },
  "a number": {
    known: "n/a",
    arm: "n/a",
    terraform: {},
  },
  "undefined": {
    known: "n/a",
    arm: "undefined",
    terraform: {},
  },
};

test('every input of the table has its pinned results', () => {
  assert.equal(INPUTS.map(([name]) => name), Object.keys(PINNED));
});

for (const [name, id] of INPUTS) {
  test(`resource id readers: ${name}`, () => {
    const got = readAll(id);
    const want = PINNED[name];
    assert.equal(got.known, want?.known, 'core parseResourceId');
    assert.equal(got.arm, want?.arm, 'parseArmResourceId');
    assert.equal(got.terraform, want?.terraform, 'terraform parseResourceId');
  });
}

test.run();
