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
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…s/providers/Microsoft.Compute/diskEncryptionSets/des-eastus\" (OS disk in target region \"eastus\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 18, column: 34, endLine: 18, endColumn: 168, related: [{ file: 'main.json', line: 53, column: 52, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/data-disk',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…rs/Microsoft.Compute/diskEncryptionSets/des-westeurope-data\" (data disk LUN 1 in target region \"westeurope\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 43, column: 52, endLine: 43, endColumn: 202 },
      ],
    },
    {
      fixture: 'invalid/nested-subscription',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk in target region \"westeurope\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 34, column: 50, endLine: 34, endColumn: 188 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk in target region \"westeurope\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.parameters.json', line: 9, column: 16, endLine: 9, endColumn: 154, related: [{ file: 'main.json', line: 52, column: 50, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/resource-id-other-subscription',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk in target region \"westeurope\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 34, column: 50, endLine: 34, endColumn: 173 },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk in target region \"westeurope\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 37, column: 50, endLine: 37, endColumn: 166 },
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (data disk LUN 0 in target region \"westeurope\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 42, column: 52, endLine: 42, endColumn: 168 },
      ],
    },
    {
      fixture: 'invalid/several-sets',
      errors: [
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk in target region \"westeurope\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 34, column: 50, endLine: 34, endColumn: 188 },
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (data disk LUN 1 in target region \"westeurope\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 43, column: 52, endLine: 43, endColumn: 190 },
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/22222222-2222-2222-2222-222222222222/resource…viders/Microsoft.Compute/diskEncryptionSets/des-northeurope\" (data disk LUN 0 in target region \"northeurope\") is in subscription 22222222-2222-2222-2222-222222222222, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 59, column: 52, endLine: 59, endColumn: 191 },
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/22222222-2222-2222-2222-222222222222/resource…viders/Microsoft.Compute/diskEncryptionSets/des-northeurope\" (data disk LUN 1 in target region \"northeurope\") is in subscription 22222222-2222-2222-2222-222222222222, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 63, column: 52, endLine: 63, endColumn: 191 },
        { messageId: 'otherSubscription', message: "Disk encryption set \"/subscriptions/11111111-1111-1111-1111-111111111111/resource…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk in target region \"eastus\") is in subscription 11111111-1111-1111-1111-111111111111, not in the image version's subscription 00000000-0000-0000-0000-000000000000; use a disk encryption set of the gallery's subscription", file: 'main.json', line: 74, column: 50, endLine: 74, endColumn: 188 },
      ],
    },
  ],
  policyCounts: {
    field: {
      'microsoft.compute/galleries/images/versions/publishingprofile.targetregions': 1,
      'microsoft.compute/galleries/images/versions/publishingprofile.targetregions[*].encryption.datadiskimages': 1,
    },
    value: 0,
  },
});
