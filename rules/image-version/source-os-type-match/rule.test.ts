import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: ['valid/matching', 'valid/unknown-link'],
  invalid: [
    {
      fixture: 'invalid/managed-image',
      errors: [
        { messageId: "osTypeMismatch", message: "The source managed image \"ubuntu-base\" has OS type \"Windows\"; the image definition \"contoso_images/ubuntu\" has osType \"Linux\"", file: "main.json", line: 47, column: 29, endLine: 47, endColumn: 86, related: [{ file: "main.json", line: 27, column: 19, message: "the OS type of the image definition \"contoso_images/ubuntu\"" }, { file: "main.json", line: 14, column: 23, message: "the OS type of the managed image \"ubuntu-base\"" }] },
      ],
    },
    {
      fixture: 'invalid/cross-file',
      errors: [
        { messageId: "osTypeMismatch", message: "The source disk \"ubuntu-os\" has OS type \"Windows\"; the image definition \"contoso_images/ubuntu\" has osType \"Linux\"", file: "images.json", line: 40, column: 39, endLine: 40, endColumn: 160, related: [{ file: "images.json", line: 23, column: 27, message: "the OS type of the image definition \"contoso_images/ubuntu\"" }, { file: "build.json", line: 24, column: 27, message: "the OS type of the disk \"ubuntu-os\"" }] },
      ],
    },
    {
      fixture: 'invalid/vm-source',
      errors: [
        { messageId: "osTypeMismatch", message: "The source virtual machine \"vm-build\" has OS type \"Windows\"; the image definition \"contoso_images/ubuntu\" has osType \"Linux\"", file: "main.json", line: 88, column: 33, endLine: 88, endColumn: 96, related: [{ file: "main.json", line: 59, column: 19, message: "the OS type of the image definition \"contoso_images/ubuntu\"" }, { file: "main.json", line: 23, column: 23, message: "the OS type of the virtual machine \"vm-build\"" }] },
      ],
    },
  ],
});
