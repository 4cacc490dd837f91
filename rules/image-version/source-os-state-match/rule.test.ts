import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: ['valid/matching', 'valid/unknown-link'],
  invalid: [
    {
      fixture: 'invalid/managed-image',
      errors: [
        { messageId: "osStateMismatch", message: "The source managed image \"ubuntu-base\" is Generalized; the image definition \"contoso_images/ubuntu\" has osState \"Specialized\"", file: "main.json", line: 57, column: 19, endLine: 57, endColumn: 76, related: [{ file: "main.json", line: 28, column: 20, message: "the OS state of the image definition \"contoso_images/ubuntu\"" }, { file: "main.json", line: 15, column: 24, message: "the OS state of the managed image \"ubuntu-base\"" }] },
      ],
    },
    {
      fixture: 'invalid/cross-file',
      errors: [
        { messageId: "osStateMismatch", message: "The source managed image \"ubuntu-base\" is Specialized; the image definition \"contoso_images/ubuntu\" has osState \"Generalized\"", file: "images.json", line: 49, column: 27, endLine: 49, endColumn: 151, related: [{ file: "images.json", line: 24, column: 28, message: "the OS state of the image definition \"contoso_images/ubuntu\"" }, { file: "build.json", line: 27, column: 32, message: "the OS state of the managed image \"ubuntu-base\"" }] },
      ],
    },
    {
      fixture: 'invalid/version-source',
      errors: [
        { messageId: "osStateMismatch", message: "The source image version \"contoso_images/ubuntu-base/1.0.0\" is Generalized; the image definition \"contoso_images/ubuntu\" has osState \"Specialized\"", file: "main.json", line: 83, column: 19, endLine: 83, endColumn: 122, related: [{ file: "main.json", line: 28, column: 20, message: "the OS state of the image definition \"contoso_images/ubuntu\"" }, { file: "main.json", line: 12, column: 20, message: "the OS state of the image definition \"contoso_images/ubuntu-base\"" }] },
      ],
    },
  ],
});
