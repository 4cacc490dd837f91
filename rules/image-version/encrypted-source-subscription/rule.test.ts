import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: ['valid/not-encrypted', 'valid/same-subscription', 'valid/version-subscription-unknown'],
  invalid: [
    {
      fixture: 'invalid/cross-file-snapshot',
      errors: [
        { messageId: "otherSubscription", message: "The source snapshot \"vm-build-os\" is encrypted with the disk encryption set \"des-build\" and is in subscription \"11111111-1111-1111-1111-111111111111\"; the image version \"contoso_images/ubuntu/1.0.0\" is in subscription \"00000000-0000-0000-0000-000000000000\"", file: "images.json", line: 50, column: 29, endLine: 50, endColumn: 156, related: [{ file: "build.json", line: 29, column: 42, message: "the disk encryption set of the snapshot \"vm-build-os\"" }] },
      ],
    },
  ],
});
