import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ResourceGraph, applySuppressions, parseDirectiveText, untilEnd, type Finding, type SourceDocument, type Span, type SuppressionDirective } from '../src/index.js';

const t = suite('suppressions');

t('parseDirectiveText: codes by blanks or commas, until=, the reason after " -- "', () => {
  assert.equal(parseDirectiveText(' SIG303, gallery-name until=2027-06-30 -- kept -- on purpose'), { codes: ['SIG303', 'gallery-name'], reason: 'kept -- on purpose', until: '2027-06-30' });
  assert.equal(parseDirectiveText(' SIG303'), { codes: ['SIG303'], reason: undefined, until: undefined });
  assert.equal(parseDirectiveText(' SIG303 --'), { codes: ['SIG303'], reason: undefined, until: undefined });
  assert.equal(parseDirectiveText(' SIG303--x'), { codes: ['SIG303--x'], reason: undefined, until: undefined });
});

t('untilEnd: the first instant after the day, in UTC; impossible dates are none', () => {
  assert.is(untilEnd('2027-06-30')?.toISOString(), '2027-07-01T00:00:00.000Z');
  assert.is(untilEnd('2028-02-29')?.toISOString(), '2028-03-01T00:00:00.000Z');
  for (const bad of ['2027-02-29', '2027-13-01', '27-06-30', '2027-06-30T00:00', 'tomorrow']) assert.is(untilEnd(bad), undefined, bad);
});

const span = (line: number): Span => ({ start: { line, column: 3, offset: 0 }, end: { line, column: 9, offset: 0 } });

function finding(code: string, line: number, path: (string | number)[] = [], declaration?: (string | number)[]): Finding {
  return {
    code,
    ruleName: code.toLowerCase(),
    severity: 'error',
    messageId: 'default',
    message: `${code} at ${line}`,
    file: 'main.json',
    span: span(line),
    ref: { file: 'main.json', path },
    path: [],
    resource: { type: 'Microsoft.Compute/galleries', name: 'g', label: 'g' },
    ...(declaration ? { declaration: { file: 'main.json', path: declaration } } : {}),
    related: [],
  };
}

function graphWith(directives: Omit<SuppressionDirective, 'file' | 'syntax'>[]): ResourceGraph {
  const graph = new ResourceGraph();
  const doc: SourceDocument = {
    file: 'main.json',
    text: '',
    locate: (path) => (path.length > 0 ? span(Number(path[0])) : undefined),
    suppressions: () => directives.map((d) => ({ ...d, file: 'main.json', syntax: '// sigil-disable-next-line' })),
  };
  graph.addDocument(doc);
  return graph;
}

const rules = (c: string) => (['SIG101', 'SIG303'].includes(c.toUpperCase()) ? { code: c.toUpperCase() } : c === 'gallery-name' ? { code: 'SIG101' } : undefined);

t('a line directive covers its codes on its line only; an object directive covers paths inside the object, or resources declared in it', () => {
  const graph = graphWith([
    { at: { file: 'main.json', path: [4] }, codes: ['gallery-name'], reason: 'legacy', until: '2027-06-30', target: { kind: 'line', line: 5 } },
    { at: { file: 'main.json', path: [10] }, codes: ['SIG303'], reason: 'one region', until: undefined, target: { kind: 'object', path: ['resources', 1] } },
  ]);
  const findings = [
    finding('SIG101', 5),
    finding('SIG303', 5),
    finding('SIG101', 6),
    finding('SIG303', 12, ['resources', 1, 'properties', 'x']),
    finding('SIG303', 30, ['parameters', 'regions'], ['resources', 1]),
    finding('SIG303', 40, ['resources', 10], ['resources', 10]),
  ];
  const out = applySuppressions(findings, graph, rules, new Date('2026-11-26'));
  assert.equal(out.diagnostics, []);
  assert.equal(out.findings.map((f) => [f.code, f.span?.start.line, f.suppression?.justification, f.suppression?.until, f.suppression?.span?.start.line]), [
    ['SIG101', 5, 'legacy', '2027-06-30', 4],
    ['SIG303', 5, undefined, undefined, undefined],
    ['SIG101', 6, undefined, undefined, undefined],
    ['SIG303', 12, 'one region', undefined, 10],
    ['SIG303', 30, 'one region', undefined, 10],
    ['SIG303', 40, undefined, undefined, undefined],
  ]);
});

t('directives that do not suppress say why, at their place, even when nothing is left to suppress', () => {
  const graph = graphWith([
    { at: { file: 'main.json', path: [1] }, codes: ['SIG101'], reason: 'old', until: '2026-11-25', target: { kind: 'line', line: 2 } },
    { at: { file: 'main.json', path: [3] }, codes: ['SIG101'], reason: undefined, until: undefined, target: { kind: 'line', line: 4 } },
    { at: { file: 'main.json', path: [5] }, codes: ['SIG999', 'SIG101'], reason: 'x', until: undefined, target: { kind: 'line', line: 6 } },
    { at: { file: 'main.json', path: [7] }, codes: [], reason: 'x', until: undefined, target: { kind: 'line', line: 8 } },
    { at: { file: 'main.json', path: [9] }, codes: ['BCP036'], reason: undefined, until: undefined, target: { kind: 'line', line: 10 }, foreignCodesAllowed: true },
  ]);
  const out = applySuppressions([finding('SIG101', 2), finding('SIG101', 4), finding('SIG101', 6)], graph, rules, new Date('2026-11-26T00:00:00Z'));
  assert.equal(out.diagnostics.map((d) => [d.severity, d.span?.start.line, d.message]), [
    ['warning', 1, 'suppression of SIG101 expired on 2026-11-25; the findings it hid are reported again'],
    ['warning', 3, 'suppression of SIG101 has no reason, so it does not apply; write it after " -- ": "SIG101 -- why"'],
    ['warning', 5, '// sigil-disable-next-line names "SIG999", which is no sigil rule (run "sigil rules" for the list)'],
    ['warning', 7, '// sigil-disable-next-line names no rule; write the rule code, e.g. SIG303'],
  ]);
  // The known code of the third directive still applies.
  assert.equal(out.findings.map((f) => f.suppression?.justification), [undefined, undefined, 'x']);
});

t.run();
