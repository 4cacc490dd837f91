import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ResourceGraph } from '@sigil/core';
import { JsonDocument } from '../src/index.js';

const t = suite('JSON suppressions');

function directives(text: string) {
  const doc = new JsonDocument('main.json', text);
  const graph = new ResourceGraph();
  graph.addDocument(doc);
  return doc.suppressions().map((d) => ({ codes: d.codes, reason: d.reason, until: d.until, target: d.target, syntax: d.syntax, at: `${graph.span(d.at)?.start.line}:${graph.span(d.at)?.start.column}` }));
}

t('comments: line and block comments, the line after the comment; the keyword inside a string is no directive', () => {
  const text = [
    '{',
    '  // sigil-disable-next-line SIG303 until=2027-06-30 -- one region for now',
    '  "a": "// sigil-disable-next-line SIG101 -- in a string",',
    '  /* sigil-disable-next-line SIG101, SIG102',
    '     -- spans lines */',
    '  "b": 1,',
    '  // sigil-disable-next-lines SIG101 -- not the keyword',
    '  "c": 2',
    '}',
  ].join('\n');
  assert.equal(directives(text), [
    { codes: ['SIG303'], reason: 'one region for now', until: '2027-06-30', target: { kind: 'line', line: 3 }, syntax: '// sigil-disable-next-line', at: '2:3' },
    { codes: ['SIG101', 'SIG102'], reason: 'spans lines', until: undefined, target: { kind: 'line', line: 6 }, syntax: '// sigil-disable-next-line', at: '4:3' },
  ]);
});

t('metadata.sigil.suppress on any object, and Terraform "//" strings (or lists of them)', () => {
  const text = JSON.stringify({
    resources: [
      { type: 'x/y', metadata: { sigil: { suppress: [{ code: 'SIG101', reason: 'r1', until: '2027-01-01' }, { code: ['SIG303', 'SIG304'], reason: ' ' }, 'bad'] } } },
      { type: 'x/z', metadata: { sigil: 'wrong' } },
    ],
    resource: { azurerm_shared_image_gallery: { g: { '//': ['sigil-disable SIG101 -- landing zone name', 'just a comment'], name: 'g' } } },
  }, null, 2);
  assert.equal(directives(text), [
    { codes: ['SIG101'], reason: 'r1', until: '2027-01-01', target: { kind: 'object', path: ['resources', 0] }, syntax: 'metadata.sigil.suppress', at: '8:13' },
    { codes: ['SIG303', 'SIG304'], reason: undefined, until: undefined, target: { kind: 'object', path: ['resources', 0] }, syntax: 'metadata.sigil.suppress', at: '13:13' },
    { codes: [], reason: undefined, until: undefined, target: { kind: 'object', path: ['resources', 0] }, syntax: 'metadata.sigil.suppress', at: '20:13' },
    { codes: [], reason: undefined, until: undefined, target: { kind: 'object', path: ['resources', 1] }, syntax: 'metadata.sigil.suppress', at: '28:18' },
    { codes: ['SIG101'], reason: 'landing zone name', until: undefined, target: { kind: 'object', path: ['resource', 'azurerm_shared_image_gallery', 'g'] }, syntax: '"//": "sigil-disable"', at: '36:11' },
  ]);
});

t('a file without the keywords is not scanned; deeply nested input is bounded', () => {
  assert.equal(directives('{"resources": []}'), []);
  const deep = `${'{"a":'.repeat(5000)}{"//": "sigil-disable SIG101 -- deep"}${'}'.repeat(5000)}`;
  const found = new JsonDocument('deep.json', deep).suppressions();
  assert.is(found.length, 1);
  assert.is(found[0]?.target.kind === 'object' ? found[0].target.path.length : -1, 5000);
});

t.run();
