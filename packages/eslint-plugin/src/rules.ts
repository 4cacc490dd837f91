import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { ruleDocsUrl, type Finding, type Rule } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import { findingsFor } from './findings.js';

/** What the ESLint docs of a sigil rule carry besides its description: the permanent code. */
export interface SigilRuleDocs {
  readonly description: string;
  readonly sigilCode: string;
}

export type SigilEslintRule = TSESLint.RuleModule<'finding', [], SigilRuleDocs>;

const createRule = ESLintUtils.RuleCreator<SigilRuleDocs>((name) => {
  const rule = builtinRules.get(name);
  const folder = rule ? builtinRules.folder(rule.code) : undefined;
  return folder ? ruleDocsUrl(folder) : '';
});

/**
 * One ESLint rule for one sigil rule, named by the sigil rule's name. When the Program ends it asks
 * for the file's findings (one sigil lint per directory, shared by all rules) and reports its own,
 * at the span sigil gives and with sigil's message.
 */
function eslintRule(rule: Rule): SigilEslintRule {
  return createRule({
    name: rule.name,
    meta: {
      type: 'problem',
      docs: { description: rule.meta.title, sigilCode: rule.code },
      messages: { finding: '{{message}}' },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'() {
          const text = context.sourceCode.text;
          for (const f of findingsFor(context.filename, text, context.cwd)) {
            if (f.code !== rule.code) continue;
            context.report({ loc: locOf(f), messageId: 'finding', data: { message: f.message } });
          }
        },
      };
    },
  });
}

/** sigil positions have 1-based columns; ESLint's are 0-based. No span: the file's start. */
function locOf(f: Finding): TSESTree.SourceLocation | TSESTree.Position {
  if (!f.span) return { line: 1, column: 0 };
  return {
    start: { line: f.span.start.line, column: f.span.start.column - 1 },
    end: { line: f.span.end.line, column: f.span.end.column - 1 },
  };
}

/** Every built-in sigil rule, by its name (`gallery-name`), as ESLint rules. */
export const rules: Readonly<Record<string, SigilEslintRule>> = Object.fromEntries(builtinRules.all.map((r) => [r.name, eslintRule(r)]));
