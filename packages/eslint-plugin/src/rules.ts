import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { REPOSITORY_URL, ruleDocsUrl, type Rule, type Span } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import { reportFor, type FileReport } from './findings.js';

/** What the ESLint docs of a sigil rule carry besides its description: the permanent code. */
export interface SigilRuleDocs {
  readonly description: string;
  readonly sigilCode?: string;
}

export type SigilEslintRule = TSESLint.RuleModule<'finding', [], SigilRuleDocs>;

/** The ESLint rule that reports what sigil cannot read; not a sigil rule, so it has no code. */
export const INPUT_ERROR = 'input-error';
/** The ESLint rule that reports the findings of `.sigil.yaml`'s custom rules, whichever they are. */
export const CUSTOM = 'custom';

const createRule = ESLintUtils.RuleCreator<SigilRuleDocs>((name) => {
  if (name === INPUT_ERROR) return `${REPOSITORY_URL}/blob/main/README.md#using-sigil`;
  if (name === CUSTOM) return `${REPOSITORY_URL}/blob/main/README.md#configuration`;
  const rule = builtinRules.get(name);
  const folder = rule ? builtinRules.folder(rule.code) : undefined;
  return folder ? ruleDocsUrl(folder) : '';
});

/**
 * ESLint runs every rule on the same SourceCode of a file: the first rule asks sigil, the others
 * reuse its report (the directory cache behind `reportFor` serves the other files of the directory).
 */
const reports = new WeakMap<object, FileReport>();

function reportOf(context: Readonly<TSESLint.RuleContext<'finding', []>>): FileReport {
  let report = reports.get(context.sourceCode);
  if (!report) {
    report = reportFor(context.filename, context.sourceCode.text, context.cwd);
    reports.set(context.sourceCode, report);
  }
  return report;
}

/** Something sigil reports in a file: a finding or an input error. */
interface Problem {
  readonly span?: Span | undefined;
  readonly message: string;
}

/**
 * An ESLint rule that, when the Program ends, takes its problems from the file's report (one sigil
 * lint per directory, shared by all rules) and reports them at sigil's spans with sigil's messages.
 */
function eslintRule(name: string, docs: SigilRuleDocs, problems: (report: FileReport) => readonly Problem[]): SigilEslintRule {
  return createRule({
    name,
    meta: { type: 'problem', docs, messages: { finding: '{{message}}' }, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'() {
          for (const p of problems(reportOf(context))) {
            context.report({ loc: locOf(p.span), messageId: 'finding', data: { message: p.message } });
          }
        },
      };
    },
  });
}

/** One sigil rule, named by its name, reporting the findings of its code. */
function sigilRule(rule: Rule): SigilEslintRule {
  return eslintRule(rule.name, { description: rule.meta.title, sigilCode: rule.code }, (report) => report.findings.filter((f) => f.code === rule.code));
}

/**
 * sigil's input errors in the file, as `sigil lint` prints them before exiting with code 2: an
 * invalid template expression, a parameters value of the wrong type, a module that cannot be read.
 */
const inputError = eslintRule(INPUT_ERROR, { description: 'Input sigil cannot read (exit code 2 of sigil lint)' }, (report) => report.inputErrors);

/**
 * The findings of the configuration's custom rules, each message after its code (`ACME002: ...`):
 * ESLint knows its rules when the config is written, before any `.sigil.yaml` is read, so one ESLint
 * rule stands for all of them and the code says which one found it.
 */
const custom = eslintRule(
  CUSTOM,
  { description: 'Findings of the custom rules of .sigil.yaml (customRules:), each message after its code' },
  (report) => report.findings.filter((f) => !builtinRules.get(f.code)).map((f) => ({ span: f.span, message: `${f.code}: ${f.message}` })),
);

/** sigil positions have 1-based columns; ESLint's are 0-based. No span: the file's start. */
function locOf(span: Span | undefined): TSESTree.SourceLocation | TSESTree.Position {
  if (!span) return { line: 1, column: 0 };
  return {
    start: { line: span.start.line, column: span.start.column - 1 },
    end: { line: span.end.line, column: span.end.column - 1 },
  };
}

/** Every built-in sigil rule by its name (`gallery-name`), `custom` and `input-error`, as ESLint rules. */
export const rules: Readonly<Record<string, SigilEslintRule>> = Object.fromEntries([
  ...builtinRules.all.map((r): [string, SigilEslintRule] => [r.name, sigilRule(r)]),
  [CUSTOM, custom],
  [INPUT_ERROR, inputError],
]);
