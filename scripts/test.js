// Runs every compiled test suite in one uvu run and ends with one plain line, `N passed, N failed`,
// that CI reads (uvu's own summary is for people). Usage: node scripts/test.js [path-substring...]
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const filters = process.argv.slice(2);

function find(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) find(p, out);
    else if (entry.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const dists = [
  ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'dist')),
  join(root, 'rules', 'dist'),
];
const files = dists
  .filter((d) => { try { return statSync(d).isDirectory(); } catch { return false; } })
  .flatMap((d) => find(d))
  .filter((f) => filters.length === 0 || filters.some((x) => relative(root, f).includes(x)))
  .sort();

let captured = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  captured += String(chunk);
  return write(chunk, ...rest);
};

globalThis.UVU_DEFER = 1;
globalThis.UVU_QUEUE = [];
const uvu = await import('uvu');
let importFailures = 0;
for (const [i, file] of files.entries()) {
  globalThis.UVU_INDEX = i;
  globalThis.UVU_QUEUE.push([relative(root, file)]);
  try {
    await import(pathToFileURL(file).href);
  } catch (e) {
    importFailures++;
    console.error(`\n${relative(root, file)} failed to load:\n${e?.stack ?? e}`);
  }
}
await uvu.exec(false);
process.stdout.write = write;

const plain = captured.replace(/\x1b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const failed = total - passed + importFailures;
console.log(`${passed} passed, ${failed} failed`);
if (files.length === 0 || total === 0) {
  console.error('no tests ran');
  process.exitCode = 1;
} else if (failed > 0) {
  process.exitCode = 1;
}
