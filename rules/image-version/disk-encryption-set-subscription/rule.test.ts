import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/case-insensitive',
    'valid/malformed-id',
    'valid/same-subscription',
    'valid/subscription-function',
    'valid/unknown-subscription',
    'valid/unknown-subscription-parameter',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop-regions',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…s/providers/Microsoft.Compute/diskEncryptionSets/des-eastus\" (OS disk) is in another subscription than the image version; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 18, column: 34, endLine: 18, endColumn: 168, related: [{ file: 'main.json', line: 53, column: 52, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/data-disk',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…rs/Microsoft.Compute/diskEncryptionSets/des-westeurope-data\" (data disk) is in another subscription than the image version; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 43, column: 52, endLine: 43, endColumn: 202 },
      ],
    },
    {
      fixture: 'invalid/nested-subscription',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk) is in another subscription than the image version; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 34, column: 50, endLine: 34, endColumn: 188 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk) is in another subscription than the image version; use a disk encryption set of the gallery's subscription", file: 'main.parameters.json', line: 9, column: 16, endLine: 9, endColumn: 154, related: [{ file: 'main.json', line: 52, column: 50, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/resource-id-other-subscription',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk) is in another subscription than the image version; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 34, column: 50, endLine: 34, endColumn: 173 },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk) is in another subscription than the image version; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 37, column: 50, endLine: 37, endColumn: 166 },
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (data disk) is in another subscription than the image version; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 42, column: 52, endLine: 42, endColumn: 168 },
      ],
    },
  ],
});

// Azure Policy refuses more than 5 field counts over one array and more than 10 value counts.
const limits = suite('SIG315 Azure Policy limits');
limits('field and value counts', () => {
  const counts = rule.compiled?.counts;
  assert.equal(Object.fromEntries(counts?.field ?? []), {});
  assert.is(counts?.value, 2);
});
limits.run();
