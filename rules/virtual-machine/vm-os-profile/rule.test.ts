import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/legacy-virtual-machine',
    'valid/matching',
    'valid/specialized-without-os-profile',
    'valid/unknown-link',
    // The declared-scope case without its .sigil.yaml: the gallery template may be deployed anywhere.
    'valid/undeclared-scope',
  ],
  invalid: [
    {
      fixture: 'invalid/legacy-virtual-machine-with-os-profile',
      errors: [
        { messageId: "osProfileNotAllowed", message: "The virtual machine \"vm-app\" has an osProfile, but its image definition \"contoso_images/ubuntu\" is Specialized", file: "main.tf.json", line: 59, column: 23, endLine: 63, endColumn: 10, related: [{ file: "main.tf.json", line: 16, column: 24, message: "the OS state of the image definition \"contoso_images/ubuntu\"" }] },
      ],
    },
    {
      fixture: 'invalid/specialized-with-os-profile',
      errors: [
        { messageId: "osProfileNotAllowed", message: "The virtual machine \"vm-app\" has an osProfile, but its image definition \"contoso_images/ubuntu\" is Specialized", file: "main.json", line: 65, column: 22, endLine: 79, endColumn: 10, related: [{ file: "main.json", line: 12, column: 20, message: "the OS state of the image definition \"contoso_images/ubuntu\"" }] },
      ],
    },
    {
      fixture: 'invalid/scale-set',
      errors: [
        { messageId: "osProfileNotAllowed", message: "The scale set \"vmss-app\" has an osProfile, but its image definition \"contoso_images/ubuntu\" is Specialized", file: "main.json", line: 70, column: 24, endLine: 84, endColumn: 12, related: [{ file: "main.json", line: 12, column: 20, message: "the OS state of the image definition \"contoso_images/ubuntu\"" }] },
      ],
    },
    {
      fixture: 'invalid/cross-file-generalized',
      errors: [
        { messageId: "osProfileMissing", message: "The virtual machine \"vm-app\" has no osProfile, but its image definition \"contoso_images/ubuntu\" is Generalized", file: "vm.json", line: 16, column: 19, endLine: 16, endColumn: 164, related: [{ file: "gallery.json", line: 24, column: 28, message: "the OS state of the image definition \"contoso_images/ubuntu\"" }] },
      ],
    },
    {
      // .sigil.yaml declares where the gallery template is deployed: the VM's literal id names its definition.
      fixture: 'invalid/declared-scope-generalized',
      errors: [
        { messageId: "osProfileMissing", message: "The virtual machine \"vm-app\" has no osProfile, but its image definition \"contoso_images/ubuntu\" is Generalized", file: "vm.json", line: 16, column: 19, endLine: 16, endColumn: 164, related: [{ file: "gallery/gallery.json", line: 12, column: 20, message: "the OS state of the image definition \"contoso_images/ubuntu\"" }] },
      ],
    },
  ],
});
