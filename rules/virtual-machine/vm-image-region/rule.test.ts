import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: ['valid/matching', 'valid/region-display-name', 'valid/unknown-link', 'valid/version-name-unknown'],
  invalid: [
    {
      fixture: 'invalid/version-reference',
      errors: [
        { messageId: "notInVersionRegions", message: "The virtual machine \"vm-app\" is in \"northeurope\", which is not a target region of the image version \"contoso_images/ubuntu/1.0.0\" (westeurope)", file: "main.json", line: 56, column: 19, endLine: 56, endColumn: 117, related: [{ file: "main.json", line: 30, column: 30, message: "the target regions of the image version \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/definition-latest',
      errors: [
        { messageId: "notInLatestRegions", message: "The scale set \"vmss-app\" is in \"northeurope\", where no version of the image definition \"contoso_images/ubuntu\" that can be the latest is replicated (regions where each version can be the latest: 1.1.0: westeurope; 1.2.0: westeurope)", file: "main.json", line: 119, column: 21, endLine: 119, endColumn: 101, related: [{ file: "main.json", line: 59, column: 30, message: "the target regions of the image version \"contoso_images/ubuntu/1.1.0\"" }, { file: "main.json", line: 83, column: 30, message: "the target regions of the image version \"contoso_images/ubuntu/1.2.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/cross-file',
      errors: [
        { messageId: "notInVersionRegions", message: "The virtual machine \"vm-app\" is in \"eastus\", which is not a target region of the image version \"contoso_images/ubuntu/1.0.0\" (westeurope, northeurope)", file: "vm.json", line: 16, column: 19, endLine: 16, endColumn: 179, related: [{ file: "gallery.json", line: 42, column: 38, message: "the target regions of the image version \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
  ],
});
