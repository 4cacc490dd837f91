import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/image-generation-not-written',
    'valid/matching',
    'valid/unknown-link',
    // A definition with a SecurityType feature and no hyperVGeneration: no V1 default is assumed.
    'valid/security-type-without-generation',
    // A plan rebuilds the source image as generation 2 and leaves the version made from it as it is (no-op).
    'valid/plan-version-unchanged',
  ],
  invalid: [
    {
      fixture: 'invalid/managed-image',
      errors: [
        { messageId: "generationMismatch", message: "The source managed image \"ubuntu-base\" is Hyper-V generation \"V1\"; the image definition \"contoso_images/ubuntu\" has hyperVGeneration \"V2\"", file: "main.json", line: 57, column: 19, endLine: 57, endColumn: 76, related: [{ file: "main.json", line: 29, column: 29, message: "the Hyper-V generation of the image definition \"contoso_images/ubuntu\"" }, { file: "main.json", line: 11, column: 29, message: "the Hyper-V generation of the managed image \"ubuntu-base\"" }] },
      ],
    },
    {
      fixture: 'invalid/default-v1',
      errors: [
        { messageId: "generationMismatch", message: "The source managed image \"ubuntu-base\" is Hyper-V generation \"V2\"; the image definition \"contoso_images/ubuntu\" has hyperVGeneration \"V1\"", file: "main.json", line: 56, column: 19, endLine: 56, endColumn: 76, related: [{ file: "main.json", line: 21, column: 5, message: "the Hyper-V generation of the image definition \"contoso_images/ubuntu\" (not written: V1 is the default before API 2025-03-03)" }, { file: "main.json", line: 11, column: 29, message: "the Hyper-V generation of the managed image \"ubuntu-base\"" }] },
      ],
    },
    {
      fixture: 'invalid/cross-file',
      errors: [
        { messageId: "generationMismatch", message: "The source managed image \"ubuntu-base\" is Hyper-V generation \"V2\"; the image definition \"contoso_images/ubuntu\" has hyperVGeneration \"V1\"", file: "images.json", line: 49, column: 27, endLine: 49, endColumn: 151, related: [{ file: "images.json", line: 25, column: 37, message: "the Hyper-V generation of the image definition \"contoso_images/ubuntu\"" }, { file: "build.json", line: 23, column: 37, message: "the Hyper-V generation of the managed image \"ubuntu-base\"" }] },
      ],
    },
  ],
});
