import { defineRule, parseArmResourceId, sameResource, Resource, Unknown, type ResourceGraph, type JsonPath, type Value } from '@sigil/core';
import { DIFF_RULE_POLICY } from '../../lib/change.js';

const SCALE_SET = 'Microsoft.Compute/virtualMachineScaleSets';
const IMAGE = 'Microsoft.Compute/galleries/images';
const IMAGE_ID: JsonPath = ['properties', 'virtualMachineProfile', 'storageProfile', 'imageReference', 'id'];

/**
 * The gallery image an id names: its name (`gallery/definition[/version]`) and its definition, as a
 * resource to match declared definitions with. Undefined for other ids, or ids whose names are unknown.
 */
function imageOf(id: Value | undefined): { name: string; definition: Resource } | undefined {
  const parsed = typeof id === 'string' || id instanceof Unknown ? parseArmResourceId(id) : undefined;
  if (!parsed) return undefined;
  const types = parsed.type.toLowerCase().split('/');
  const names = parsed.fullName.split('/');
  // `galleries/images` or `galleries/images/versions`: the definition is the first two names.
  if (types.slice(0, 3).join('/') !== IMAGE.toLowerCase() || names.length < 2 || names.length > 3) return undefined;
  const definition = new Resource({
    type: IMAGE,
    apiVersion: '',
    fullName: names.slice(0, 2).join('/'),
    scope: parsed.scope,
    condition: true,
    existing: true,
    dependsOn: () => [],
    declaration: { file: '' },
    frontend: 'arm',
    label: parsed.fullName,
    body: () => ({}),
  });
  return { name: parsed.fullName, definition };
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
 * The OS state of an image's definition, when the run knows it: for the image before the
 * change, from the definitions' state before it, else from the linted files; for the image after the
 * change, the other way round.
 */
function osStateOf(graph: ResourceGraph, definition: Resource, when: 'before' | 'after'): string | undefined {
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
    stateChanged: 'The scale set\'s image changes from "{before}" ({oldState}) to "{after}" ({newState}); an existing scale set cannot switch between Generalized and Specialized images',
  },
  *check({ graph }) {
    for (const change of graph.changes.ofType(SCALE_SET)) {
      const { before, after } = change;
      if (change.action !== 'update' || !before || !after) continue;
      // Ids built by resourceId() keep their subscription and resource group unknown: the definition and version names decide.
      const was = imageOf(before.get(IMAGE_ID));
      const now = imageOf(after.get(IMAGE_ID));
      if (!was || !now || was.name.toLowerCase() === now.name.toLowerCase()) continue;
      const oldState = osStateOf(graph, was.definition, 'before');
      const newState = osStateOf(graph, now.definition, 'after');
      if (!oldState || !newState || oldState === newState) continue;
      yield { resource: after, path: IMAGE_ID, messageId: 'stateChanged', data: { before: was.name, after: now.name, oldState: label(oldState), newState: label(newState) } };
    }
  },
});
