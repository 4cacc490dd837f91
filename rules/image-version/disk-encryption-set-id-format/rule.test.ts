import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/confidential-vm',
    'valid/empty-and-null',
    'valid/literal',
    'valid/many-data-disks',
    'valid/no-encryption',
    'valid/resource-id-function',
    'valid/trailing-slash',
    'valid/unknown-parameter',
  ],
  invalid: [
    {
      fixture: 'invalid/confidential-vm',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Compute/diskEncryptionSets/des-cvm-westeurope\" (confidential VM OS disk in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 21, column: 52, endLine: 21, endColumn: 171 },
      ],
    },
    {
      fixture: 'invalid/copy-loop-regions',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"subscriptions/00000000-0000-0000-0000-000000000000/resourceG…viders/Microsoft.Compute/diskEncryptionSets/des-northeurope\" (OS disk in target region \"northeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 14, column: 34, endLine: 14, endColumn: 172, related: [{ file: 'main.json', line: 41, column: 44, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/key-vault-id',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…s/rg-keys/providers/Microsoft.KeyVault/vaults/kv-images-weu\" (OS disk in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 19, column: 42, endLine: 19, endColumn: 168 },
      ],
    },
    {
      fixture: 'invalid/key-vault-key',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"https://kv-images-weu.vault.azure.net/keys/images-cmk/4c1e3f4d8a5b4b0f9c2d7e6a1b3c5d7f\" (OS disk in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 104, related: [{ file: 'main.json', line: 24, column: 42, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
        { messageId: 'format', message: "Disk encryption set id \"https://kv-images-weu.vault.azure.net/keys/images-cmk/4c1e3f4d8a5b4b0f9c2d7e6a1b3c5d7f\" (data disk LUN 0 in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 104, related: [{ file: 'main.json', line: 29, column: 44, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/many-data-disks',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 0 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 1 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 2 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 3 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 4 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 5 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 6 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 7 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 8 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 9 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 10 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 11 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 12 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 13 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 14 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resource…providers/Microsoft.Compute/diskEncryptionSet/des-japaneast\" (data disk LUN 15 in target region \"japaneast\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 153, column: 46, endLine: 153, endColumn: 182 },
      ],
    },
    {
      fixture: 'invalid/missing-type-segment',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.Compute/des-westeurope\" (data disk LUN 0 in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 21, column: 44, endLine: 21, endColumn: 163 },
      ],
    },
    {
      fixture: 'invalid/name-only',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"des-westeurope\" (OS disk in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 19, column: 42, endLine: 19, endColumn: 58 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"des-westeurope\" (OS disk in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 39, related: [{ file: 'main.json', line: 54, column: 50, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000resourceG…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (OS disk in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 11, column: 28, endLine: 11, endColumn: 211, related: [{ file: 'main.json', line: 28, column: 42, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000resourceG…oviders/Microsoft.Compute/diskEncryptionSets/des-westeurope\" (data disk LUN 0 in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 11, column: 28, endLine: 11, endColumn: 211, related: [{ file: 'main.json', line: 33, column: 44, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/several-ids',
      errors: [
        { messageId: 'format', message: "Disk encryption set id \"des-westeurope\" (OS disk in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 19, column: 42, endLine: 19, endColumn: 58 },
        { messageId: 'format', message: "Disk encryption set id \"https://kv-images-weu.vault.azure.net/keys/images-cmk/4c1e3f4d8a5b4b0f9c2d7e6a1b3c5d7f\" (data disk LUN 1 in target region \"westeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 28, column: 44, endLine: 28, endColumn: 132 },
        { messageId: 'format', message: "Disk encryption set id \"des-cvm-northeurope\" (confidential VM OS disk in target region \"northeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 42, column: 52, endLine: 42, endColumn: 73 },
        { messageId: 'format', message: "Disk encryption set id \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.Compute/des-northeurope\" (data disk LUN 0 in target region \"northeurope\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 48, column: 44, endLine: 48, endColumn: 164 },
        { messageId: 'format', message: "Disk encryption set id \"des-westeurope\" (OS disk in target region \"uksouth\") is not /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>", file: 'main.json', line: 63, column: 42, endLine: 63, endColumn: 58 },
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
