import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/not-encrypted',
    'valid/same-subscription',
    'valid/vm-subscription-unknown',
    // The VM names the definition; 1.2.0 can be the latest in the VM's region and is not encrypted there.
    'valid/definition-latest-not-encrypted',
    // The VM names the definition; 1.1.0's set in the VM's region is a parameter.
    'valid/definition-latest-set-unknown',
    // The VM names an `existing` definition: Azure may hold versions of it the files do not declare.
    'valid/definition-existing',
  ],
  invalid: [
    {
      fixture: 'invalid/other-subscription',
      errors: [
        { messageId: "otherSubscription", message: "The virtual machine \"vm-app\" is in subscription \"11111111-1111-1111-1111-111111111111\", but the image version \"contoso_images/ubuntu/1.0.0\" is encrypted in \"northeurope\" with the disk encryption set \"des-northeurope\" of subscription \"00000000-0000-0000-0000-000000000000\"", file: "vm.json", line: 28, column: 27, endLine: 28, endColumn: 187, related: [{ file: "gallery.json", line: 58, column: 50, message: "the disk encryption set of the image version \"contoso_images/ubuntu/1.0.0\" in \"northeurope\"" }] },
      ],
    },
    {
      // The VM names the definition: 1.0.0 and 1.1.0 can be the latest in northeurope, each with a set
      // of subscription 0000 there; 1.2.0 (not encrypted) is excluded from latest there.
      fixture: 'invalid/definition-latest',
      errors: [
        { messageId: "latestOtherSubscription", message: "The virtual machine \"vm-app\" is in subscription \"11111111-1111-1111-1111-111111111111\", but every version the files declare for the image definition \"contoso_images/ubuntu\" that can be the latest in \"northeurope\" is encrypted there with a disk encryption set of subscription \"00000000-0000-0000-0000-000000000000\" (1.0.0: des-ne-1; 1.1.0: des-ne-2)", file: "vm.json", line: 28, column: 27, endLine: 28, endColumn: 172, related: [{ file: "gallery.json", line: 53, column: 50, message: "the disk encryption set of the image version \"contoso_images/ubuntu/1.0.0\" in \"northeurope\"" }, { file: "gallery.json", line: 86, column: 50, message: "the disk encryption set of the image version \"contoso_images/ubuntu/1.1.0\" in \"northeurope\"" }] },
      ],
    },
  ],
});
