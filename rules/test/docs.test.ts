import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintFixture, repoRoot, sharedDir } from '@sigil/testing';
import { builtinRules } from '../index.js';

const root = repoRoot();
const SECTIONS = ['Why', 'Examples', 'How to fix', 'Azure Policy', 'References'];
const FORMATS = [
  { info: 'json arm', label: 'ARM template', file: 'main.json', executed: true },
  { info: 'bicep', label: 'Bicep', file: 'main.bicep', executed: true },
  { info: 'json terraform', label: 'Terraform JSON', file: 'main.tf.json', executed: true },
] as const;
/**
 * Diff rules show a change: each ARM, Bicep or Terraform example follows a `<info> before` block (the
 * files at the base revision), or is a plan or what-if result, which holds both states. Not every
 * format can show every change (an ARM deployment never deletes a removed resource): a diff rule
 * shows the formats that can, the same ones under Fail and Pass.
 */
const DIFF_FORMATS = [
  ...FORMATS,
  { info: 'json plan', label: 'Terraform plan JSON', file: 'main.plan.json', executed: true },
  { info: 'json what-if', label: 'ARM what-if JSON', file: 'main.whatif.json', executed: true },
] as const;

const catalogue = readFileSync(join(sharedDir(), 'reference', 'rule-catalogue.md'), 'utf8');
// Kinds read "policy", "graph", "diff", or "policy (graph when ...)".
const entries = new Map([...catalogue.matchAll(/^\| (SIG\d{3}) \| ([a-z0-9-]+) \| (\w+)[^|]*\|/gm)].map((m) => [m[1], { name: m[2], kind: m[3] }]));

interface Block {
  readonly info: string;
  readonly code: string;
  /** For a diff rule: the same file before the change. */
  readonly before?: string;
}

/** A block's format: its info string without the `unchecked` mark (`bicep unchecked` is `bicep`). */
function formatInfo(info: string): string {
  return info.replace(/\s+unchecked$/, '');
}

/** The fenced code blocks under a `### <title>` heading of the Examples section; a `<info> before` block joins the next one. */
function examples(readme: string, title: 'Fail' | 'Pass'): Block[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Examples')) ?? '';
  const part = section.split(/^### /m).find((s) => s.startsWith(`${title}\n`)) ?? '';
  const blocks: Block[] = [];
  let before: string | undefined;
  for (const m of part.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const info = (m[1] as string).trim();
    if (info.endsWith(' before')) before = m[2] as string;
    else {
      blocks.push({ info, code: m[2] as string, ...(before !== undefined ? { before } : {}) });
      before = undefined;
    }
  }
  return blocks;
}

/**
 * Lints one example, written to a temporary folder under its format's usual file name. A Bicep example
 * that needs a module shows each file after a `// <name>.bicep` line; the first part is `main.bicep`.
 */
function lintExample(code: string, file: string, ruleCode: string, before?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-docs-'));
  try {
    for (const [name, text] of Object.entries(splitFiles(code, file))) writeFileSync(join(dir, name), text);
    if (before !== undefined) {
      mkdirSync(join(dir, 'base'));
      for (const [name, text] of Object.entries(splitFiles(before, file))) writeFileSync(join(dir, 'base', name), text);
    }
    const rule = builtinRules.get(ruleCode);
    if (!rule) throw new Error(ruleCode);
    return lintFixture(rule, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function splitFiles(code: string, file: string): Record<string, string> {
  const parts = code.split(/^\/\/ ([\w.-]+\.bicep)\n/m);
  if (!file.endsWith('.bicep') || parts.length === 1) return { [file]: code };
  const files: Record<string, string> = {};
  if ((parts[0] as string).trim() !== '') files[file] = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) files[parts[i] as string] = parts[i + 1] as string;
  return files;
}

const docs = suite('rule documentation');

for (const rule of builtinRules.all) {
  const folder = builtinRules.folder(rule.code) ?? '';
  const path = join(root, 'rules', folder, 'README.md');

  docs(`${rule.code}: folder, name and files`, () => {
    assert.is(basename(folder), rule.name, 'the folder name is the rule name');
    for (const file of ['rule.ts', 'rule.test.ts', 'README.md']) assert.ok(existsSync(join(root, 'rules', folder, file)), `${folder}/${file}`);
  });

  docs(`${rule.code}: no placeholder is left`, () => {
    const texts = [readFileSync(path, 'utf8'), rule.meta.title, rule.meta.summary, rule.meta.fix, ...rule.meta.azureErrors, ...rule.meta.resourceTypes, ...Object.values<string>(rule.messages)];
    assert.equal(texts.filter((t) => t.includes('TODO')), [], 'TODO placeholders from the scaffolder');
    assert.ok(rule.meta.azureErrors.length > 0, 'the Azure errors the rule prevents are quoted');
  });

  docs(`${rule.code}: sections`, () => {
    const readme = readFileSync(path, 'utf8');
    assert.ok(readme.startsWith(`<!-- Generated header`), 'starts with the generated header');
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.equal(headings, SECTIONS, 'sections, in order');
    for (const s of SECTIONS) {
      const body = readme.split(/^## /m).find((x) => x.startsWith(`${s}\n`)) ?? '';
      assert.ok(body.slice(s.length).trim().length > 40, `"${s}" has content`);
    }
    const examplesSection = readme.split(/^## /m).find((x) => x.startsWith('Examples')) ?? '';
    assert.ok(examplesSection.indexOf('### Fail') >= 0 && examplesSection.indexOf('### Fail') < examplesSection.indexOf('### Pass'), 'Fail before Pass');
  });

  const diff = entries.get(rule.code)?.kind === 'diff';
  const formats = diff ? DIFF_FORMATS : FORMATS;
  for (const title of ['Fail', 'Pass'] as const) {
    docs(`${rule.code}: ${title} examples in every format`, () => {
      const blocks = examples(readFileSync(path, 'utf8'), title);
      if (title === 'Pass') assert.ok(blocks.every((b) => b.info === formatInfo(b.info)), 'only a Fail example can be unchecked');
      if (diff) {
        const infos = blocks.map((b) => b.info);
        assert.ok(blocks.length > 0, `${title}: at least one example`);
        assert.equal(infos, DIFF_FORMATS.map((f) => f.info).filter((i) => infos.includes(i)), `${title}: formats among ${DIFF_FORMATS.map((f) => f.label).join(', ')}, in that order`);
        assert.equal(infos, examples(readFileSync(path, 'utf8'), title === 'Fail' ? 'Pass' : 'Fail').map((b) => b.info), 'Fail and Pass show the same formats');
        for (const b of blocks) assert.is(b.before !== undefined, FORMATS.some((f) => f.info === b.info), `${b.info}: a before block exactly when the format has no before state of its own`);
      } else {
        assert.equal(blocks.map((b) => formatInfo(b.info)), FORMATS.map((f) => f.info), `${title}: ${FORMATS.map((f) => f.label).join(', ')}`);
      }
      const terraform = blocks.find((b) => formatInfo(b.info) === 'json terraform');
      assert.ok(!terraform || JSON.parse(terraform.code), 'the Terraform JSON example is JSON');
      assert.ok(diff || terraform, 'a Terraform JSON example');
    });

    for (const format of formats.filter((f) => f.executed)) {
      docs(`${rule.code}: the ${title} ${format.label} example ${title === 'Fail' ? 'fails' : 'passes'}`, () => {
        const readme = readFileSync(path, 'utf8');
        const all = examples(readme, title);
        const block = all.find((b) => formatInfo(b.info) === format.info);
        if (diff && !block) return;
        assert.ok(block, `a ${format.label} example`);
        const { findings, inputErrors } = lintExample(block.code, format.file, rule.code, block.before);
        assert.equal(inputErrors, []);
        // An unchecked example shows the mistake in a format the rule cannot see it in (the docs say
        // why): it yields nothing, and the day it does, the docs must change.
        if (title === 'Pass' || block.info !== format.info) assert.equal(findings.map((f) => f.message), []);
        else {
          assert.ok(findings.length > 0, 'the Fail example yields a finding');
          assert.equal([...new Set(findings.map((f) => f.code))], [rule.code]);
          // Every format shows the same problems: the first example's messages are the reference.
          // A diff rule's plan or what-if example may show another change (ARM never replaces a
          // resource): only the examples written as files before and after are held to it.
          const first = all[0] as Block;
          const reference = formats.find((f) => f.info === formatInfo(first.info));
          const sameChange = !diff || (block.before !== undefined && first.before !== undefined);
          if (reference && first !== block && sameChange) {
            assert.equal(findings.map((f) => f.message).sort(), lintExample(first.code, reference.file, rule.code, first.before).findings.map((f) => f.message).sort());
          }
        }
      });
    }
  }
}

docs('every rule folder is in the rule index', () => {
  const folders: string[] = [];
  for (const group of readdirSync(join(root, 'rules'))) {
    const dir = join(root, 'rules', group);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) if (existsSync(join(dir, name, 'rule.ts'))) folders.push(`${group}/${name}`);
  }
  assert.equal(folders.sort(), builtinRules.all.map((r) => builtinRules.folder(r.code)).sort());
});

docs('codes and names are the catalogue\'s', () => {
  assert.is(entries.size, 40, 'every row of the catalogue table was read');
  for (const rule of builtinRules.all) {
    const entry = entries.get(rule.code);
    assert.ok(entry, `${rule.code} is in the catalogue`);
    assert.is(rule.name, entry.name, `${rule.code} keeps the catalogue name`);
    if (entry.kind === 'policy') assert.ok(rule.policy, `${rule.code} is a policy rule`);
  }
});

docs.run();
