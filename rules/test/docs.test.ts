import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
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

interface Block {
  readonly info: string;
  readonly code: string;
}

/** A block's format: its info string without the `unchecked` mark (`bicep unchecked` is `bicep`). */
function formatInfo(info: string): string {
  return info.replace(/\s+unchecked$/, '');
}

/** The fenced code blocks under a `### <title>` heading of the Examples section. */
function examples(readme: string, title: 'Fail' | 'Pass'): Block[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Examples')) ?? '';
  const part = section.split(/^### /m).find((s) => s.startsWith(`${title}\n`)) ?? '';
  return [...part.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({ info: (m[1] as string).trim(), code: m[2] as string }));
}

/**
 * Lints one example, written to a temporary folder under its format's usual file name. A Bicep example
 * that needs a module shows each file after a `// <name>.bicep` line; the first part is `main.bicep`.
 */
function lintExample(code: string, file: string, ruleCode: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-docs-'));
  try {
    for (const [name, text] of Object.entries(splitFiles(code, file))) writeFileSync(join(dir, name), text);
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

  for (const title of ['Fail', 'Pass'] as const) {
    docs(`${rule.code}: ${title} examples in every format`, () => {
      const blocks = examples(readFileSync(path, 'utf8'), title);
      assert.equal(blocks.map((b) => formatInfo(b.info)), FORMATS.map((f) => f.info), `${title}: ${FORMATS.map((f) => f.label).join(', ')}`);
      if (title === 'Pass') assert.ok(blocks.every((b) => b.info === formatInfo(b.info)), 'only a Fail example can be unchecked');
      const terraform = blocks.find((b) => formatInfo(b.info) === 'json terraform');
      assert.ok(terraform && JSON.parse(terraform.code), 'the Terraform JSON example is JSON');
    });

    for (const format of FORMATS.filter((f) => f.executed)) {
      docs(`${rule.code}: the ${title} ${format.label} example ${title === 'Fail' ? 'fails' : 'passes'}`, () => {
        const readme = readFileSync(path, 'utf8');
        const block = examples(readme, title).find((b) => formatInfo(b.info) === format.info);
        assert.ok(block, `a ${format.label} example`);
        const { findings, inputErrors } = lintExample(block.code, format.file, rule.code);
        assert.equal(inputErrors, []);
        // An unchecked example shows the mistake in a format the rule cannot see it in (the docs say
        // why): it yields nothing, and the day it does, the docs must change.
        if (title === 'Pass' || block.info !== format.info) assert.equal(findings.map((f) => f.message), []);
        else {
          assert.ok(findings.length > 0, 'the Fail example yields a finding');
          assert.equal([...new Set(findings.map((f) => f.code))], [rule.code]);
          // Every format shows the same problems: the ARM example's messages are the reference.
          const arm = examples(readme, title).find((b) => b.info === 'json arm');
          if (arm && format.info !== 'json arm') {
            assert.equal(findings.map((f) => f.message).sort(), lintExample(arm.code, 'main.json', rule.code).findings.map((f) => f.message).sort());
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
  const catalogue = readFileSync(join(sharedDir(), 'reference', 'rule-catalogue.md'), 'utf8');
  // Kinds read "policy", "graph", "diff", or "policy (graph when ...)".
  const entries = new Map([...catalogue.matchAll(/^\| (SIG\d{3}) \| ([a-z0-9-]+) \| (\w+)[^|]*\|/gm)].map((m) => [m[1], { name: m[2], kind: m[3] }]));
  assert.is(entries.size, 40, 'every row of the catalogue table was read');
  for (const rule of builtinRules.all) {
    const entry = entries.get(rule.code);
    assert.ok(entry, `${rule.code} is in the catalogue`);
    assert.is(rule.name, entry.name, `${rule.code} keeps the catalogue name`);
    if (entry.kind === 'policy') assert.ok(rule.policy, `${rule.code} is a policy rule`);
  }
});

docs.run();
