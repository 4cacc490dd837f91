import { defineRule, parseArmResourceId, sameResource, Resource, type ResourceGraph, type JsonPath } from '@sigil/core';
import { DIFF_RULE_POLICY } from '../../lib/change.js';

const SCALE_SET = 'Microsoft.Compute/virtualMachineScaleSets';
const IMAGE = 'Microsoft.Compute/galleries/images';
const IMAGE_ID: JsonPath = ['properties', 'virtualMachineProfile', 'storageProfile', 'imageReference', 'id'];

/** The image definition a gallery image id names (a definition, or one of its versions), as a resource to match others with. */
function definitionOf(id: string): Resource | undefined {
  const parsed = parseArmResourceId(id);
  if (!parsed) return undefined;
  const types = parsed.type.toLowerCase().split('/');
  const names = parsed.fullName.split('/');
  // `galleries/images` or `galleries/images/versions`: the definition is the first two names.
  if (types.slice(0, 3).join('/') !== IMAGE.toLowerCase() || names.length < 2 || names.length > 3) return undefined;
  return new Resource({
    type: IMAGE,
    apiVersion: '',
    fullName: names.slice(0, 2).join('/'),
    scope: parsed.scope,
    condition: true,
    existing: true,
    dependsOn: () => [],
    declaration: { file: '' },
    frontend: 'arm',
    label: id,
    body: () => ({}),
  });
}

/**
 * The OS state (lower case) of the definition among `definitions`: undefined when none of them is
 * it, null when its state is not known or two declarations disagree.
 */
function osStateIn(definitions: readonly Resource[], definition: Resource): string | null | undefined {
  const states = new Set<string | null>();
  for (const d of definitions) {
    if (!sameResource(d, definition)) continue;
    const state = d.get(['properties', 'osState']);
    states.add(typeof state === 'string' ? state.toLowerCase() : null);
  }
  if (states.size === 0) return undefined;
  return states.size === 1 ? [...states][0] as string | null : null;
}

/**
 * The OS state of the definition behind an image id, when the run knows it: for the image before the
 * change, from the definitions' state before it, else from the linted files; for the image after the
 * change, the other way round.
 */
function osStateOf(graph: ResourceGraph, id: string, when: 'before' | 'after'): string | undefined {
  const definition = definitionOf(id);
  if (!definition) return undefined;
  const now = graph.ofType(IMAGE).filter((r) => r.deployed);
  const then = graph.changes.ofType(IMAGE).flatMap((c) => (c.before ? [c.before] : []));
  const [first, second] = when === 'before' ? [then, now] : [now, then];
  const state = osStateIn(first, definition);
  return (state === undefined ? osStateIn(second, definition) : state) ?? undefined;
}

const label = (state: string) => (state === 'specialized' ? 'Specialized' : 'Generalized');

export default defineRule({
  code: 'SIG403',
  name: 'vmss-os-state-change',
  meta: {
    title: 'A scale set cannot switch between Generalized and Specialized gallery images',
    severity: 'error',
    resourceTypes: [SCALE_SET],
    summary:
      'An update of an existing scale set changes its gallery image to one whose definition has the other OS state (Generalized and Specialized), which Azure refuses; found from a Terraform plan, an ARM what-if result or the same files at a git base revision.',
    fix: 'Update the scale set to an image of a definition with the same OS state as its current one. To move to the other OS state, create a new scale set.',
    azureErrors: [
      'Cannot update VM scale set <vmssName> as the current OS state of VM scale set is Generalized which is different from the updated gallery image OS state which is Specialized.',
    ],
    policy: DIFF_RULE_POLICY,
  },
  messages: {
    stateChanged: 'the scale set\'s image changes from "{before}" ({oldState}) to "{after}" ({newState}); an existing scale set cannot switch between Generalized and Specialized images',
  },
  *check({ graph }) {
    for (const change of graph.changes.ofType(SCALE_SET)) {
      const { before, after } = change;
      if (change.action !== 'update' || !before || !after) continue;
      const was = before.get(IMAGE_ID);
      const now = after.get(IMAGE_ID);
      if (typeof was !== 'string' || typeof now !== 'string' || was.toLowerCase() === now.toLowerCase()) continue;
      const oldState = osStateOf(graph, was, 'before');
      const newState = osStateOf(graph, now, 'after');
      if (!oldState || !newState || oldState === newState) continue;
      // The images by gallery, definition and version: the ids' subscription and resource group are the same noise.
      const name = (id: string) => parseArmResourceId(id)?.fullName ?? id;
      yield { resource: after, path: IMAGE_ID, messageId: 'stateChanged', data: { before: name(was), after: name(now), oldState: label(oldState), newState: label(newState) } };
    }
  },
});
