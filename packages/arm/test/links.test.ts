import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ResourceGraph, idKey } from '@sigil/core';
import { loadArm } from '../src/index.js';
import { DEPLOYMENT, GALLERY, template } from './helpers.js';

const links = suite('Template: resource ids link to declared resources');

/** Two templates linted in one run. */
function loadTwo(a: Record<string, unknown>, b: Record<string, unknown>): ResourceGraph {
  const graph = new ResourceGraph();
  loadArm([{ path: 'a.json', explicit: true, text: JSON.stringify(a) }, { path: 'b.json', explicit: true, text: JSON.stringify(b) }], graph, {});
  return graph;
}

const gallery = (name: string, extra: Record<string, unknown> = {}) => ({ type: GALLERY, apiVersion: '2024-03-03', name, location: 'westeurope', ...extra });
const idOf = (graph: ResourceGraph, name: string) => graph.resources.find((r) => r.name === name)?.get(['properties', 'ref']);

links('resourceId() links to the resource of the same template, not to one of another template', () => {
  const graph = loadTwo(
    template({ resources: [gallery('g1'), gallery('uses', { properties: { ref: "[resourceId('Microsoft.Compute/galleries', 'g1')]" } }), gallery('other', { properties: { ref: "[resourceId('Microsoft.Compute/galleries', 'g2')]" } })] }),
    template({ resources: [gallery('g2')] }),
  );
  assert.is(graph.byId(idOf(graph, 'uses'))?.name, 'g1');
  assert.is(graph.byId(idOf(graph, 'other')), undefined, 'g2 is in another deployment, whose resource group may differ');
});

links('a nested deployment in a named resource group keeps the subscription; a literal id links to a resource whose scope is written', () => {
  const sub = '00000000-0000-0000-0000-000000000000';
  const graph = loadTwo(
    template({
      resources: [
        { type: DEPLOYMENT, apiVersion: '2022-09-01', name: 'inner', resourceGroup: 'rg-2', properties: { mode: 'Incremental', template: template({ resources: [gallery('g3')] }) } },
        gallery('uses', { properties: { ref: "[resourceId('rg-2', 'Microsoft.Compute/galleries', 'g3')]" } }),
        { type: DEPLOYMENT, apiVersion: '2022-09-01', name: 'known', subscriptionId: sub, resourceGroup: 'rg-3', properties: { mode: 'Incremental', template: template({ resources: [gallery('g4')] }) } },
      ],
    }),
    template({ resources: [gallery('literal', { properties: { ref: `/subscriptions/${sub}/resourceGroups/RG-3/providers/Microsoft.Compute/galleries/g4/` } })] }),
  );
  assert.is(graph.byId(idOf(graph, 'uses'))?.name, 'g3');
  assert.is(graph.byId(idOf(graph, 'literal'))?.name, 'g4');
});

links('a template evaluated once per parameters file is one deployment per evaluation', () => {
  const graph = new ResourceGraph();
  const t = template({ parameters: { p: { type: 'string', defaultValue: 'x' } }, resources: [gallery('g')] });
  loadArm([{ path: 'a.json', explicit: true, text: JSON.stringify(t) }, { path: 'b.json', explicit: true, text: JSON.stringify(t) }], graph, {});
  const [a, b] = graph.resources;
  assert.ok(a && b);
  assert.is.not(idKey(a.id), idKey(b.id));
});

links.run();
