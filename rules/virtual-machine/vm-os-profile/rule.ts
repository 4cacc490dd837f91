import { defineRule, isObject, type Resource } from '@sigil/core';
import { SCALE_SET, VIRTUAL_MACHINE, nameOf, read, refusedAtCreation, stringFact } from '../../lib/links.js';
import { machineImages, machineKind, machineProfile } from '../../lib/machines.js';

/** The Terraform resources that always send `osProfile` (`admin_username` is required). */
const ALWAYS_SENDS_OS_PROFILE = /(?:^|\.)(azurerm_(?:linux|windows)_virtual_machine(?:_scale_set)?)\./;

export default defineRule({
  code: 'SIG402',
  name: 'vm-os-profile',
  meta: {
    title: 'A VM from a Specialized image has no osProfile; from a Generalized image it has one',
    severity: 'error',
    resourceTypes: [VIRTUAL_MACHINE, SCALE_SET],
    summary:
      'A VM or scale set created from a gallery image whose definition is Specialized has an osProfile, or from a Generalized definition has none.',
    fix: 'Specialized image: remove osProfile (the VM keeps the source machine\'s name, accounts and settings). In Terraform, azurerm_linux_virtual_machine, azurerm_windows_virtual_machine and their scale set resources always send osProfile (admin_username is required), so they cannot deploy a Specialized image: use azapi_resource with a body without osProfile (or the legacy azurerm_virtual_machine without an os_profile block). Generalized image: add osProfile with the computer name (computerNamePrefix for a scale set) and an administrator account.',
    azureErrors: [
      "Parameter 'osProfile' is not allowed.",
      "Required parameter 'osProfile' is missing (null).",
    ],
    policy: refusedAtCreation('VM', 'the image definition'),
  },
  messages: {
    osProfileNotAllowed: 'The {machineKind} "{machine}" has an osProfile, but its image definition "{definition}" is Specialized',
    osProfileMissing: 'The {machineKind} "{machine}" has no osProfile, but its image definition "{definition}" is Generalized',
  },
  *check({ graph }) {
    for (const { machine, path, definition } of machineImages(graph)) {
      const state = stringFact(definition, ['properties', 'osState']);
      if (!state) continue;
      const profilePath = [...machineProfile(machine), 'osProfile'];
      const profile = read(machine, profilePath);
      if (profile === undefined) continue;
      const data = { machineKind: machineKind(machine), machine: nameOf(machine), definition: nameOf(definition) };
      const related = [{ resource: definition, path: state.path, message: `the OS state of the image definition "${nameOf(definition)}"` }];
      if (state.value.toLowerCase() === 'specialized' && isObject(profile)) {
        yield { resource: machine, path: profilePath, messageId: 'osProfileNotAllowed', data, related: [...related, ...terraformAdvice(machine)] };
      } else if (state.value.toLowerCase() === 'generalized' && profile === null) {
        yield { resource: machine, path, messageId: 'osProfileMissing', data, related };
      }
    }
  },
});

/** A Terraform resource that cannot leave osProfile out: says so where the user reads the finding. */
function terraformAdvice(machine: Resource) {
  const type = machine.frontend === 'terraform' ? ALWAYS_SENDS_OS_PROFILE.exec(machine.label)?.[1] : undefined;
  if (!type) return [];
  return [{
    resource: machine,
    message: `${type} always sends osProfile (admin_username is required): deploy a Specialized image with azapi_resource (or azurerm_virtual_machine without os_profile)`,
  }];
}
