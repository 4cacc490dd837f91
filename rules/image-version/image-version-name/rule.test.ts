import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/from-build-date',
    'valid/int32-max',
    'valid/literal',
    'valid/unknown-part',
    'valid/unknown-version',
  ],
  invalid: [
    {
      fixture: 'invalid/terraform-for-each',
      errors: [
        { messageId: 'format', message: "Image version name \"2024.11\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'terraform.tfvars.json', line: 8, column: 18, endLine: 8, endColumn: 27, related: [{ file: 'main.tf.json', line: 11, column: 17, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/windows-2022/2024.11\"" }] },
      ],
    },
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'format', message: "Image version name \"1.1\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'main.json', line: 10, column: 9, endLine: 10, endColumn: 14, related: [{ file: 'main.json', line: 18, column: 15, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.1\"" }] },
      ],
    },
    {
      fixture: 'invalid/format',
      errors: [
        { messageId: 'format', message: "Image version name \"1.0\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'main.json', line: 8, column: 15, endLine: 8, endColumn: 42 },
        { messageId: 'format', message: "Image version name \"1.0.0.1\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'main.json', line: 29, column: 15, endLine: 29, endColumn: 46 },
        { messageId: 'format', message: "Image version name \"v1.0.0\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'main.json', line: 50, column: 15, endLine: 50, endColumn: 45 },
        { messageId: 'format', message: "Image version name \"1.0.0-beta\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'main.json', line: 71, column: 15, endLine: 71, endColumn: 49 },
        { messageId: 'format', message: "Image version name \"1..0\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'main.json', line: 92, column: 15, endLine: 92, endColumn: 43 },
        { messageId: 'format', message: "Image version name \"latest\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'main.json', line: 113, column: 15, endLine: 113, endColumn: 45 },
      ],
    },
    {
      fixture: 'invalid/nested-outer',
      errors: [
        { messageId: 'outOfRange', message: "Image version name \"3000000000.0.0\" has a part larger than 2147483647 (each part is a 32-bit integer)", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 39, related: [{ file: 'main.json', line: 24, column: 23, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/3000000000.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/out-of-range',
      errors: [
        { messageId: 'outOfRange', message: "Image version name \"1.0.2147483648\" has a part larger than 2147483647 (each part is a 32-bit integer)", file: 'main.json', line: 8, column: 15, endLine: 8, endColumn: 53 },
        { messageId: 'outOfRange', message: "Image version name \"20241231235959.0.0\" has a part larger than 2147483647 (each part is a 32-bit integer)", file: 'main.json', line: 29, column: 15, endLine: 29, endColumn: 57 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'format', message: "Image version name \"1.0.0-rc1\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 27, related: [{ file: 'main.json', line: 13, column: 15, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0-rc1\"" }] },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'format', message: "Image version name \"2026.11.26.1\" is not Major.Minor.Patch (three integers separated by \".\")", file: 'main.json', line: 11, column: 16, endLine: 11, endColumn: 39, related: [{ file: 'main.json', line: 17, column: 15, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/2026.11.26.1\"" }] },
      ],
    },
    {
      // Bicep only: children declared inside their parents, with relative types and names.
      fixture: 'invalid/bicep-nested-children',
      errors: [
        { messageId: 'format', message: 'Image version name "2024.12" is not Major.Minor.Patch (three integers separated by ".")', file: 'main.bicep', line: 21, column: 13, endLine: 21, endColumn: 22 },
      ],
    },
  ],
});
