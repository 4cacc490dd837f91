import { createRequire } from 'node:module';
import type * as XmlBuilder from 'xmlbuilder2';
import type { Finding } from '@sigil/core';
import { diagnosticSpan } from './location.js';
import type { FormatInput } from './types.js';

const requireCjs = createRequire(import.meta.url);

/**
 * JUnit XML for CI test reports: one test suite per file, one test case per file and rule. A case
 * fails with the rule's findings in that file, is skipped when all of them are suppressed, and a
 * file that cannot be read has an `input` case in error. The XML is built by xmlbuilder2, which
 * escapes markup; characters XML 1.0 cannot hold (control characters, lone surrogates) are shown as
 * `\xNN` / `\uNNNN`, so the document is well formed for any file name or message.
 */
export function formatJunit(input: FormatInput): string {
  const { create } = requireCjs('xmlbuilder2') as typeof XmlBuilder;
  const files = new Set<string>(input.graph.documentFiles());
  for (const f of input.findings) files.add(f.file);
  for (const d of input.diagnostics) files.add(d.file);
  const byFileRule = new Map<string, Finding[]>();
  for (const f of input.findings) {
    const key = `${f.file}\0${f.code}`;
    const list = byFileRule.get(key) ?? [];
    list.push(f);
    byFileRule.set(key, list);
  }
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: replaceInvalid });
  const inputErrors = input.diagnostics.filter((d) => d.severity === 'error');
  const suites = doc.ele('testsuites', { name: 'sigil' });
  let tests = 0;
  let failures = 0;
  for (const file of [...files].sort()) {
    const errors = inputErrors.filter((d) => d.file === file);
    const cases = input.rules.map((rule) => ({ rule, findings: byFileRule.get(`${file}\0${rule.code}`) ?? [] }));
    const failing = cases.filter((c) => c.findings.some((f) => !f.suppression)).length;
    const suite = suites.ele('testsuite', { name: file, tests: cases.length + (errors.length > 0 ? 1 : 0), failures: failing, errors: errors.length > 0 ? 1 : 0, skipped: cases.filter((c) => c.findings.length > 0 && c.findings.every((f) => f.suppression)).length });
    tests += cases.length + (errors.length > 0 ? 1 : 0);
    failures += failing;
    if (errors.length > 0) {
      const text = errors.map((d) => {
        const span = diagnosticSpan(d, input.graph);
        return `${file}${span ? `:${span.start.line}:${span.start.column}` : ''}: ${d.message}`;
      });
      suite.ele('testcase', { classname: file, name: 'input' }).ele('error', { message: errors[0]?.message ?? '', type: 'input' }).txt(text.join('\n'));
    }
    for (const { rule, findings } of cases) {
      const testcase = suite.ele('testcase', { classname: file, name: `${rule.code} ${rule.name}` });
      const open = findings.filter((f) => !f.suppression);
      if (open.length > 0) {
        const lines = open.map((f) => `${file}:${f.span ? `${f.span.start.line}:${f.span.start.column}` : '0:0'}: ${f.severity}: ${f.message}`);
        testcase.ele('failure', { message: open.length === 1 ? open[0]?.message ?? '' : `${open.length} findings`, type: rule.code }).txt(lines.join('\n'));
      } else if (findings.length > 0) {
        testcase.ele('skipped', { message: `${findings.length} suppressed: ${findings[0]?.suppression?.justification ?? ''}` });
      }
    }
  }
  suites.att('tests', String(tests));
  suites.att('failures', String(failures));
  suites.att('errors', String(files.size === 0 ? 0 : [...files].filter((file) => inputErrors.some((d) => d.file === file)).length));
  return `${doc.end({ prettyPrint: true })}\n`;
}

/** What replaces a character XML 1.0 cannot hold. */
function replaceInvalid(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
