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
    // A VM source made from a marketplace image: its generation depends on the SKU.
    'valid/vm-from-marketplace-image',
    // A VM source made from a managed image that does not write its generation.
    'valid/vm-image-generation-not-written',
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
    {
      // A VM source (storageProfile.source.virtualMachineId) created from a declared V1 managed image.
      fixture: 'invalid/vm-from-managed-image',
      errors: [
        { messageId: "generationMismatch", message: "The source virtual machine \"vm-build\" is Hyper-V generation \"V1\"; the image definition \"contoso_images/ubuntu\" has hyperVGeneration \"V2\"", file: "main.json", line: 100, column: 33, endLine: 100, endColumn: 96, related: [{ file: "main.json", line: 73, column: 29, message: "the Hyper-V generation of the image definition \"contoso_images/ubuntu\"" }, { file: "main.json", line: 11, column: 29, message: "the Hyper-V generation of the managed image \"ubuntu-base\", the image the virtual machine \"vm-build\" is created from" }] },
      ],
    },
    {
      // A VM source created from the latest version of a declared V2 definition: every version has its generation.
      fixture: 'invalid/vm-from-gallery-definition',
      errors: [
        { messageId: "generationMismatch", message: "The source virtual machine \"vm-build\" is Hyper-V generation \"V2\"; the image definition \"contoso_images/ubuntu\" has hyperVGeneration \"V1\"", file: "main.json", line: 100, column: 33, endLine: 100, endColumn: 96, related: [{ file: "main.json", line: 73, column: 29, message: "the Hyper-V generation of the image definition \"contoso_images/ubuntu\"" }, { file: "main.json", line: 13, column: 29, message: "the Hyper-V generation of the image definition \"contoso_images/base\", the image the virtual machine \"vm-build\" is created from" }] },
      ],
    },
  ],
});
