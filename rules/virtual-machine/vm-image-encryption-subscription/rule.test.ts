import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: ['valid/not-encrypted', 'valid/same-subscription', 'valid/vm-subscription-unknown'],
  invalid: [
    {
      fixture: 'invalid/other-subscription',
      errors: [
        { messageId: "otherSubscription", message: "The virtual machine \"vm-app\" is in subscription \"11111111-1111-1111-1111-111111111111\", but the image version \"contoso_images/ubuntu/1.0.0\" is encrypted in \"northeurope\" with the disk encryption set \"des-northeurope\" of subscription \"00000000-0000-0000-0000-000000000000\"", file: "vm.json", line: 28, column: 27, endLine: 28, endColumn: 187, related: [{ file: "gallery.json", line: 58, column: 50, message: "the disk encryption set of the image version \"contoso_images/ubuntu/1.0.0\" in \"northeurope\"" }] },
      ],
    },
  ],
});
