import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  LineIndex, ResourceGraph, Unknown, defineRule, escapeControl, formatMessage, lint, renderValue, ruleParameters,
  setMemberOrigin, setOrigin, type Finding, type JsonPath, type Resource, type Rule, type SourceDocument,
  type ValueObject,
} from '../src/index.js';
import { GALLERY, IMAGE, resource, thrown, type ResourceOptions } from './helpers.js';

const NOW = new Date('2025-01-01T00:00:00Z');

/** A document whose paths are located by the first occurrence of a snippet of its text. */
function document(file: string, text: string, snippets: Record<string, string>): SourceDocument {
  const index = new LineIndex(text);
  return {
    file,
    text,
    locate: (path: JsonPath) => {
      const snippet = snippets[path.join('.')];
      if (snippet === undefined) return undefined;
      const at = text.indexOf(snippet);
      return at < 0 ? undefined : index.span(at, snippet.length);
    },
  };
}

const MAIN = [
  '{ "resources": [',
  '  { "type": "Microsoft.Compute/galleries", "name": "bad-gallery-name" },',
  '  { "type": "Microsoft.Compute/galleries", "name": "ok" },',
  '  { "type": "Microsoft.Compute/galleries", "name": "[parameters(\'n\')]" }',
  '] }',
].join('\n');
const PARAMS = '{ "parameters": { "n": { "value": "from-params" } } }';

/** A gallery declared at resources[index] of main.json, its name located through provenance. */
function gallery(index: number, name: string, options: ResourceOptions & { nameFrom?: { file: string; path: JsonPath } } = {}): Resource {
  const body: ValueObject = { name, location: 'westus' };
  setOrigin(body, { file: 'main.json', path: ['resources', index] });
  if (options.nameFrom) setMemberOrigin(body, 'name', options.nameFrom);
  return resource(body, { type: GALLERY, fullName: name, declaration: { file: 'main.json', path: ['resources', index] }, label: `resources[${index}]`, ...options });
}

function graphOf(...resources: Resource[]): ResourceGraph {
  const g = new ResourceGraph();
  g.addDocument(document('main.json', MAIN, {
    'resources.0.name': '"bad-gallery-name"',
    'resources.1.name': '"ok"',
    'resources.2.name': '"[parameters(\'n\')]"',
  }));
  g.addDocument(document('params.json', PARAMS, { 'parameters.n.value': '"from-params"' }));
  for (const r of resources) g.add(r);
  return g;
}

const nameRule = defineRule({
  code: 'SIG901',
  name: 'test-gallery-name',
  meta: {
    title: 'Test gallery names',
    severity: 'error',
    resourceTypes: [GALLERY],
    summary: 'Test names.',
    fix: 'Rename.',
    azureErrors: [],
  },
  messages: {
    hyphen: 'Gallery {name} has {property} "{value}" with "{char}" (limit {limit}, {missing})',
    // Rule parameters are not message placeholders: only {value}, {property}, {name}, {fullName} and
    // messageData are (documented choice), so {max} stays as written.
    long: 'Gallery name "{value}" is longer than {max}',
  },
  parameters: {
    max: { type: 'Integer', defaultValue: 10, displayName: 'Max', description: 'Longest name' },
  },
  condition: {
    allOf: [
      { field: 'type', equals: GALLERY },
      {
        anyOf: [
          { messageId: 'hyphen', messageData: { char: '-', limit: 80 }, field: 'name', contains: '-' },
          { messageId: 'long', value: "[length(field('name'))]", greater: "[parameters('max')]" },
        ],
      },
    ],
  },
});

/** Finding fields a test pins: code, messageId, message, file, line:column-line:column, path. */
function brief(f: Finding): string {
  const span = f.span ? `${f.span.start.line}:${f.span.start.column}-${f.span.end.line}:${f.span.end.column}` : 'no span';
  return `${f.code} ${f.messageId} ${f.file} ${span} [${f.path.join('.')}] ${f.message}`;
}

const engine = suite('lint engine');

engine('a true condition: one finding per report, placeholders filled, located at the offending property', () => {
  const findings = lint(graphOf(gallery(0, 'bad-gallery-name')), [nameRule], { now: NOW });
  assert.equal(findings.map(brief), [
    'SIG901 hyphen main.json 2:52-2:70 [name] Gallery bad-gallery-name has name "bad-gallery-name" with "-" (limit 80, {missing})',
    'SIG901 long main.json 2:52-2:70 [name] Gallery name "bad-gallery-name" is longer than {max}',
  ]);
  const [first] = findings;
  assert.equal(first?.resource, { type: GALLERY, name: 'bad-gallery-name', label: 'resources[0]' });
  assert.is(first?.ruleName, 'test-gallery-name');
  assert.is(first?.severity, 'error');
  assert.equal(first?.ref, { file: 'main.json', path: ['resources', 0, 'name'] });
  assert.equal(first?.related, []);
  assert.is(first?.evaluationError, undefined);
});

engine('a false condition produces nothing', () => {
  assert.equal(lint(graphOf(gallery(1, 'ok')), [nameRule], { now: NOW }), []);
});

engine('an unknown outcome is silent', () => {
  const partial = new Unknown('parameter n has no value', undefined, [new Unknown('parameter n has no value'), 'x']);
  const r = gallery(2, 'placeholder', { fullName: new Unknown('parameter n has no value') });
  assert.equal(lint(graphOf(r), [nameRule], { now: NOW }), []);
  // The name field is the resource's (partial) last segment: unknown, so nothing is reported.
  assert.equal(lint(graphOf(gallery(2, 'p', { fullName: partial })), [nameRule], { now: NOW }), []);
});

engine('rule options override parameter defaults, per rule code', () => {
  const findings = lint(graphOf(gallery(1, 'ok')), [nameRule], { now: NOW, parameters: { SIG901: { max: 1 } } });
  assert.equal(findings.map(brief), ['SIG901 long main.json 3:52-3:56 [name] Gallery name "ok" is longer than {max}']);
  assert.equal(ruleParameters(nameRule), { max: 10 });
  assert.equal(ruleParameters(nameRule, { max: 3, extra: 'x' }), { max: 3, extra: 'x' });
});

engine('a value from another file is reported there, with the declaration as a related location', () => {
  const r = gallery(2, 'from-params', { nameFrom: { file: 'params.json', path: ['parameters', 'n', 'value'] } });
  const [hyphen] = lint(graphOf(r), [nameRule], { now: NOW });
  assert.is(hyphen && brief(hyphen), 'SIG901 hyphen params.json 1:35-1:48 [name] Gallery from-params has name "from-params" with "-" (limit 80, {missing})');
  assert.equal(hyphen?.related, [{
    file: 'main.json',
    span: { start: { line: 4, column: 52, offset: 200 }, end: { line: 4, column: 71, offset: 219 } },
    message: `used here by ${GALLERY} "from-params"`,
  }]);
});

engine('existing resources and resources whose condition is false are skipped; an unknown condition is linted', () => {
  const g = graphOf(
    gallery(0, 'bad-gallery-name', { existing: true }),
    gallery(1, 'skip-me-too', { condition: false }),
    gallery(2, 'maybe-deployed', { condition: new Unknown('condition parameter') }),
  );
  assert.equal(lint(g, [nameRule], { now: NOW }).map((f) => `${f.messageId} ${f.resource.name}`), ['hyphen maybe-deployed', 'long maybe-deployed']);
});

engine('a rule looks only at its resource types', () => {
  const image = resource({ name: 'bad-image-name' }, { type: IMAGE, fullName: 'g/bad-image-name' });
  assert.equal(lint(graphOf(image), [nameRule], { now: NOW }), []);
});

engine('a condition is built and compiled only when the graph has a resource of its types', () => {
  let built = 0;
  const lazyRule = defineRule({
    code: 'SIG903',
    name: 'test-lazy',
    meta: { title: 'Lazy', severity: 'note', resourceTypes: [GALLERY], summary: 'Lazy.', fix: 'Fix.', azureErrors: [] },
    messages: { default: 'Gallery {name}' },
    condition: () => {
      built++;
      return { field: 'name', equals: 'ok' };
    },
  });
  const image = resource({ name: 'i' }, { type: IMAGE, fullName: 'g/i' });
  assert.equal(lint(graphOf(image), [lazyRule], { now: NOW }), []);
  assert.is(built, 0, 'no gallery: the condition is never built');
  assert.equal(lint(graphOf(gallery(1, 'ok')), [lazyRule], { now: NOW }).map((f) => f.message), ['Gallery ok']);
  assert.is(built, 1);
});

const errorRule = defineRule({
  code: 'SIG902',
  name: 'test-error',
  meta: { title: 'Errors', severity: 'warning', resourceTypes: [GALLERY], summary: 'Errors.', fix: 'Fix.', azureErrors: [] },
  messages: { default: 'Name prefix of {name} is wrong ({value})' },
  condition: { value: "[substring(field('name'), 0, 5)]", equals: 'xxxxx' },
});

engine('an error verdict is a finding that says Azure Policy fails the evaluation', () => {
  const findings = lint(graphOf(gallery(1, 'ok')), [errorRule], { now: NOW });
  const reason = 'substring(): the length 5 from index 0 goes past the end of the string of length 2';
  assert.equal(findings.map(brief), [
    `SIG902 default main.json 3:52-3:56 [] Name prefix of ok is wrong ((absent)) (Azure Policy fails this evaluation: ${reason}, which acts as deny)`,
  ]);
  assert.is(findings[0]?.evaluationError, reason);
  assert.is(findings[0]?.severity, 'warning');
});

engine('an error in a rule without a default message is reported with the rule title', () => {
  const annotated = defineRule({
    code: 'SIG905', name: 'test-annotated-error', meta: { title: 'Names must have a prefix', severity: 'error', resourceTypes: [GALLERY], summary: 's', fix: 'f', azureErrors: [] },
    messages: { prefix: 'Name {value} lacks the prefix' },
    condition: { messageId: 'prefix', value: "[substring(field('name'), 0, 5)]", notEquals: 'gallx' },
  });
  const findings = lint(graphOf(gallery(1, 'ok')), [annotated], { now: NOW });
  assert.equal(findings.map((f) => `${f.messageId}: ${f.message}`), [
    'default: Names must have a prefix (Azure Policy fails this evaluation: substring(): the length 5 from index 0 goes past the end of the string of length 2, which acts as deny)',
  ]);
});

engine('findings are sorted by file, then position, then code', () => {
  const other = defineRule({
    code: 'SIG900', name: 'test-other', meta: { title: 'o', severity: 'note', resourceTypes: [GALLERY], summary: 's', fix: 'f', azureErrors: [] },
    messages: { default: 'has a name' }, condition: { field: 'name', exists: true },
  });
  // Declared in a.json, which has no document: its findings have no span.
  const elsewhere = resource({ name: 'z-first-file' }, { type: GALLERY, fullName: 'z-first-file', declaration: { file: 'a.json', path: ['resources', 0] } });
  const findings = lint(graphOf(gallery(1, 'ok'), gallery(0, 'bad-gallery-name'), elsewhere), [nameRule, other], { now: NOW });
  assert.equal(findings.map((f) => `${f.file} ${f.span?.start.offset ?? '-'} ${f.code} ${f.messageId} ${f.resource.name}`), [
    // a.json has no document: no span, and it sorts first by file name.
    'a.json - SIG900 default z-first-file',
    'a.json - SIG901 hyphen z-first-file',
    'a.json - SIG901 long z-first-file',
    'main.json 68 SIG900 default bad-gallery-name',
    'main.json 68 SIG901 hyphen bad-gallery-name',
    'main.json 68 SIG901 long bad-gallery-name',
    'main.json 141 SIG900 default ok',
  ]);
});

engine('reports of the same message at the same place are one finding', () => {
  const twice = defineRule({
    code: 'SIG903', name: 'test-twice', meta: { title: 't', severity: 'error', resourceTypes: [GALLERY], summary: 's', fix: 'f', azureErrors: [] },
    messages: { dash: 'dash in {value}' },
    condition: { allOf: [{ messageId: 'dash', field: 'name', contains: '-' }, { messageId: 'dash', field: 'name', like: '*-*' }] },
  });
  assert.equal(lint(graphOf(gallery(0, 'bad-gallery-name')), [twice], { now: NOW }).map((f) => f.message), ['dash in bad-gallery-name']);
});

engine('a check rule reports through the same finding model', () => {
  const check = defineRule({
    code: 'SIG950', name: 'test-check', meta: { title: 'c', severity: 'warning', resourceTypes: [GALLERY], summary: 's', fix: 'f', azureErrors: [], policy: { reason: 'needs the whole graph' } },
    messages: { dup: 'Duplicate {what} "{value}"' },
    *check({ graph, parameters }) {
      for (const r of graph.ofType(GALLERY)) yield { resource: r, path: ['name'], messageId: 'dup' as const, data: { what: parameters['kind'] ?? 'name', value: r.body['name'] ?? null } };
    },
    parameters: { kind: { type: 'String', defaultValue: 'gallery', displayName: 'k', description: 'd' } },
  });
  assert.equal(lint(graphOf(gallery(1, 'ok')), [check], { now: NOW }).map(brief), ['SIG950 dup main.json 3:52-3:56 [name] Duplicate gallery "ok"']);
});

engine('a check report\'s related resources become related locations (a property, or the declaration)', () => {
  const related = defineRule({
    code: 'SIG951', name: 'test-related', meta: { title: 'r', severity: 'error', resourceTypes: [GALLERY], summary: 's', fix: 'f', azureErrors: [], policy: { reason: 'needs two resources' } },
    messages: { pair: '{value} goes with the other gallery' },
    *check({ graph }) {
      const [first, second] = graph.ofType(GALLERY);
      if (!first || !second) return;
      yield {
        resource: first, path: ['name'], messageId: 'pair' as const, data: { value: first.body['name'] ?? null },
        related: [{ resource: second, path: ['name'], message: 'the other name' }, { resource: second, message: 'the other gallery' }],
      };
    },
  });
  const [finding] = lint(graphOf(gallery(0, 'bad-gallery-name'), gallery(1, 'ok')), [related], { now: NOW });
  assert.ok(finding);
  // The test document locates names only: the declaration has no span here, and keeps its file.
  assert.equal(finding.related.map((r) => `${r.file} ${r.span ? `${r.span.start.line}:${r.span.start.column}` : '-'} ${r.message}`), ['main.json 3:52 the other name', 'main.json - the other gallery']);
});

engine('a rule without a message for an unannotated true condition cannot report (documented choice: it throws)', () => {
  const noDefault = defineRule({
    code: 'SIG904', name: 'test-no-default', meta: { title: 't', severity: 'error', resourceTypes: [GALLERY], summary: 's', fix: 'f', azureErrors: [] },
    messages: { other: 'x' }, condition: { field: 'name', equals: 'ok' },
  });
  const e = thrown(() => lint(graphOf(gallery(1, 'ok')), [noDefault as Rule], { now: NOW }));
  assert.is(e.message, 'SIG904: no message "default" and no default message');
});

engine.run();

// ---- messages --------------------------------------------------------------------------------

const messages = suite('finding messages');

const rendered: [string, Parameters<typeof renderValue>[0], string][] = [
  ['a string as it is', 'abc', 'abc'],
  ['a missing value', undefined, '(absent)'],
  ['an unknown', new Unknown('x'), '(unknown)'],
  ['a number', 42, '42'],
  ['null', null, 'null'],
  ['an array as JSON', ['a', 1], '["a",1]'],
  ['an object as JSON', { a: { b: true } }, '{"a":{"b":true}}'],
  ['an unknown inside an object', { a: new Unknown('r') }, '{"a":"<unknown: r>"}'],
  ['a value of 120 characters is kept', 'x'.repeat(120), 'x'.repeat(120)],
  ['a longer value keeps its first 60 and last 59 characters around …', `${'a'.repeat(60)}${'m'.repeat(10)}${'z'.repeat(59)}`, `${'a'.repeat(60)}…${'z'.repeat(59)}`],
  [
    'a resource id keeps its distinguishing end',
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-image-builds/providers/Microsoft.Compute/snapshots/ubuntu-2204-os',
    '/subscriptions/00000000-0000-0000-0000-000000000000/resource…builds/providers/Microsoft.Compute/snapshots/ubuntu-2204-os',
  ],
  ['a cut never splits a surrogate pair at the head', `${'z'.repeat(59)}😀${'y'.repeat(80)}`, `${'z'.repeat(59)}…${'y'.repeat(59)}`],
  ['a cut never splits a surrogate pair at the tail', `${'z'.repeat(80)}😀${'y'.repeat(58)}`, `${'z'.repeat(60)}…${'y'.repeat(58)}`],
  ['ESC is escaped', '\u001b[31mred', '\\x1b[31mred'],
  ['BEL is escaped', 'a\u0007b', 'a\\x07b'],
  ['CR and LF are escaped', 'a\r\nb', 'a\\x0d\\x0ab'],
  ['DEL and C1 controls are escaped', '\u007f\u009b', '\\x7f\\x9b'],
  ['a right-to-left override is escaped', 'abc\u202Efed', 'abc\\u202efed'],
  ['isolates are escaped', '\u2066x\u2069', '\\u2066x\\u2069'],
  ['a long value is escaped after it is cut', `${'\u001b'.repeat(130)}`, `${'\\x1b'.repeat(60)}…${'\\x1b'.repeat(59)}`],
];
for (const [name, value, expected] of rendered) {
  messages(`renderValue: ${name}`, () => assert.is(renderValue(value), expected));
}

messages('escapeControl leaves ordinary text, tabs excepted, alone', () => {
  assert.is(escapeControl('Gallery "é-ü" 名前'), 'Gallery "é-ü" 名前');
  assert.is(escapeControl('\t'), '\\x09');
  assert.is(escapeControl('\u0000'), '\\x00');
});

messages('formatMessage fills known placeholders and leaves unknown ones', () => {
  assert.is(formatMessage('{a} and {b} and {a} and {c}', { a: 'x', b: 2, c: undefined }), 'x and 2 and x and (absent)');
  assert.is(formatMessage('{missing} {a-b} {}', { a: 'x' }), '{missing} {a-b} {}');
  assert.is(formatMessage('value "{v}"', { v: 'evil\u001b]0;title\u0007' }), 'value "evil\\x1b]0;title\\x07"');
});

messages.run();
