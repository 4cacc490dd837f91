// Measures sigil against a baseline of reading + JSON.parse + walking the same files, on two
// deterministic corpora of ARM templates (1 to 10,000 files): "dense", where gallery resources are two
// thirds of all resources and 30% of templates have mistakes, and "mixed", where one template in five
// declares gallery resources. Also the start-up time of `sigil lint` on one small file against
// `node -e 0`. Prints ratios (of the fastest of several runs: this machine's timings are noisy);
// the targets are <= 3x and <= 2.5x. Also the Bicep parser's throughput over the conformance corpus
// (../shared/conformance/bicep) against JSON.parse of the compiled templates; the target is 20 MB/s.
// With `--sections eslint`: ESLint with the sigil plugin's recommended config over fixtures/ against
// `sigil lint fixtures/` in-process (the plugin lints each directory once for all rules; ESLint parses
// every file once more and walks it per rule).
// Usage: npm run bench [-- --sizes 1,100,1000,10000 --runs 5 --corpora dense,mixed --sections lint,startup,bicep,eslint]
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { lintFiles, discover } from '@sigil/cli';
import { parseBicep } from '@sigil/bicep';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = option('sizes', '1,100,1000,10000').split(',').map(Number);
const runs = Number(option('runs', '5'));
const corpora = option('corpora', 'dense,mixed').split(',');
const sections = option('sections', 'lint,startup,bicep').split(',');
const SEED = 20261126;

// ---- corpus -------------------------------------------------------------------------------------

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function template(random, i, mix = 'dense') {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const bad = random() < 0.3;
  // dense: any resource kind may be a gallery set; mixed: one template in five has one.
  const galleryTemplate = mix === 'dense' || random() < 0.2;
  const kindsOf = mix === 'dense' ? ['storage', 'vnet', 'vm', 'gallery', 'gallery', 'keyvault'] : ['storage', 'vnet', 'vm', 'keyvault'];
  const gallery = bad ? `gallery-${i}` : `gallery_${i}`;
  const resources = [];
  const kinds = 1 + Math.floor(random() * 6);
  for (let k = 0; k < kinds; k++) {
    const kind = mix === 'mixed' && galleryTemplate && k === 0 ? 'gallery' : pick(kindsOf);
    switch (kind) {
      case 'storage':
        resources.push({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: `[concat('st', uniqueString(resourceGroup().id), '${k}')]`, location: "[parameters('location')]", kind: 'StorageV2', sku: { name: 'Standard_LRS' }, properties: { minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true, networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' } } });
        break;
      case 'vnet':
        resources.push({ type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-04-01', name: `[format('vnet-{0}-{1}', parameters('environment'), ${k})]`, location: "[parameters('location')]", properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'default', properties: { addressPrefix: '10.0.0.0/24' } }, { name: 'build', properties: { addressPrefix: '10.0.1.0/24' } }] } });
        break;
      case 'vm':
        resources.push({ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01', name: `[concat('vm-', parameters('environment'), '-${k}')]`, location: "[parameters('location')]", properties: { hardwareProfile: { vmSize: 'Standard_D2s_v5' }, storageProfile: { imageReference: { id: `[resourceId('Microsoft.Compute/galleries/images', '${gallery}', 'ubuntu')]` }, osDisk: { createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS' } } }, osProfile: { computerName: `vm${k}`, adminUsername: 'azureuser', linuxConfiguration: { disablePasswordAuthentication: true } }, networkProfile: { networkInterfaces: [{ id: "[resourceId('Microsoft.Network/networkInterfaces', 'nic')]" }] } } });
        break;
      case 'keyvault':
        resources.push({ type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: `[concat('kv-', uniqueString(resourceGroup().id))]`, location: "[parameters('location')]", properties: { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' }, enableRbacAuthorization: true } });
        break;
      default:
        resources.push(
          { type: 'Microsoft.Compute/galleries', apiVersion: '2024-03-03', name: gallery, location: "[parameters('location')]", properties: { description: 'images' } },
          { type: 'Microsoft.Compute/galleries/images', apiVersion: '2024-03-03', name: `[format('{0}/{1}', '${gallery}', variables('images')[copyIndex()].name)]`, location: "[parameters('location')]", copy: { name: 'images', count: "[length(variables('images'))]" }, dependsOn: [`[resourceId('Microsoft.Compute/galleries', '${gallery}')]`], properties: { osType: "[variables('images')[copyIndex()].os]", osState: 'Generalized', hyperVGeneration: 'V2', identifier: { publisher: 'contoso', offer: "[variables('images')[copyIndex()].name]", sku: bad ? '22.04.' : '22_04' } } },
          { type: 'Microsoft.Compute/galleries/images/versions', apiVersion: '2024-03-03', name: `[format('{0}/{1}/{2}', '${gallery}', 'ubuntu', parameters('version'))]`, location: "[parameters('location')]", dependsOn: ['images'], properties: { publishingProfile: { targetRegions: [{ name: "[parameters('location')]", regionalReplicaCount: 1 }, { name: 'northeurope', regionalReplicaCount: 2 }] }, storageProfile: { source: { id: "[parameters('sourceImage')]" } } } },
        );
    }
  }
  return {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: {
      location: { type: 'string', defaultValue: 'westeurope' },
      environment: { type: 'string', defaultValue: pick(['dev', 'test', 'prod']) },
      version: { type: 'string', defaultValue: bad ? '1.0' : `1.0.${i}` },
      sourceImage: { type: 'string' },
    },
    variables: { images: [{ name: 'ubuntu', os: 'Linux' }, { name: bad ? 'windows.' : 'windows', os: 'Windows' }] },
    resources,
  };
}

function corpus(size, mix) {
  const dir = join(tmpdir(), `sigil-bench-${SEED}-${mix === 'dense' ? '' : `${mix}-`}${size}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const random = prng(SEED);
  for (let i = 0; i < size; i++) {
    const sub = join(dir, `team${i % 50}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `template${i}.json`), `${JSON.stringify(template(random, i, mix), null, 2)}\n`);
    if (i % 7 === 0) writeFileSync(join(sub, `package${i}.json`), JSON.stringify({ name: `pkg${i}`, version: '1.0.0' }));
  }
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

// ---- measurements -------------------------------------------------------------------------------

function listJson(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listJson(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** The floor: list, read, JSON.parse and visit every node of every file. */
function baseline(dir) {
  let nodes = 0;
  let bytes = 0;
  for (const file of listJson(dir)) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    const stack = [JSON.parse(text)];
    while (stack.length > 0) {
      const v = stack.pop();
      nodes++;
      if (v && typeof v === 'object') for (const k in v) stack.push(v[k]);
    }
  }
  return { nodes, bytes };
}

async function sigil(dir) {
  const files = await discover([dir], dir);
  const result = lintFiles(files, { cwd: dir, now: new Date('2026-11-26T00:00:00Z') });
  return { findings: result.findings.length, resources: result.graph.resources.length };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const fastest = (xs) => Math.min(...xs);

async function time(fn) {
  const t = performance.now();
  const r = await fn();
  return { ms: performance.now() - t, r };
}

const rows = [];
for (const mix of sections.includes('lint') ? corpora : []) {
  for (const size of sizes) {
    const dir = corpus(size, mix);
    // Small corpora run more often: each run is short, and the fastest run needs a warm JIT.
    const n = size >= 10000 ? Math.min(runs, 3) : size >= 1000 ? runs : runs * 4;
    for (let i = 0; i < (size >= 1000 ? 1 : 10); i++) {
      await sigil(dir); // warm up code paths and the file cache
      baseline(dir);
    }
    const b = [];
    const s = [];
    let info;
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const tb = await time(() => baseline(dir));
      bytes = tb.r.bytes;
      b.push(tb.ms);
      const ts = await time(() => sigil(dir));
      info = ts.r;
      s.push(ts.ms);
    }
    rows.push({ mix, size, bytes, baseline: fastest(b), sigil: fastest(s), ...info });
  }
}

const fmt = (x, d = 1) => x.toFixed(d);
if (rows.length > 0) console.log('lint throughput (fastest of runs; corpora seeded, in the system temp folder)');
if (rows.length > 0) console.log('corpus  files   MB      resources  findings  baseline ms  sigil ms  sigil MB/s  files/s   ratio');
for (const r of rows) {
  console.log(
    `${r.mix.padEnd(7)} ${String(r.size).padEnd(7)} ${fmt(r.bytes / 1e6, 2).padEnd(7)} ${String(r.resources).padEnd(10)} ${String(r.findings).padEnd(9)} ${fmt(r.baseline).padEnd(12)} ${fmt(r.sigil).padEnd(9)} ${fmt(r.bytes / 1e6 / (r.sigil / 1000)).padEnd(11)} ${fmt(r.size / (r.sigil / 1000), 0).padEnd(9)} ${fmt(r.sigil / r.baseline, 2)}x`,
  );
}

// ---- start-up -----------------------------------------------------------------------------------

function measureStartup() {
  const small = join(tmpdir(), 'sigil-bench-small.json');
  writeFileSync(small, `${JSON.stringify(template(prng(1), 1, 'mixed'), null, 2)}\n`);
  const bin = join(root, 'packages/cli/bin/sigil.js');
  const wall = (argv) => {
    const t = performance.now();
    spawnSync(process.execPath, argv, { stdio: 'ignore' });
    return performance.now() - t;
  };
  for (let i = 0; i < 3; i++) {
    wall(['-e', '0']);
    wall([bin, 'lint', small]);
  }
  const nodeTimes = [];
  const sigilTimes = [];
  for (let i = 0; i < 15; i++) {
    nodeTimes.push(wall(['-e', '0']));
    sigilTimes.push(wall([bin, 'lint', small]));
  }
  const startup = median(sigilTimes) / median(nodeTimes);
  console.log(`\nstart-up: sigil lint <one small file> ${fmt(median(sigilTimes))} ms, node -e 0 ${fmt(median(nodeTimes))} ms, ratio ${fmt(startup, 2)}x (median of 15)`);
  return startup;
}

const startup = sections.includes('startup') ? measureStartup() : undefined;

// ---- bicep parse throughput -----------------------------------------------------------------------

function listFiles(dir, suffix, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, suffix, out);
    else if (e.name.endsWith(suffix)) out.push(p);
  }
  return out;
}

/** MB/s of `fn` over `texts`, repeating the corpus for at least 200 ms; the fastest of `runs`. */
function throughput(texts, fn) {
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  let best = 0;
  for (let run = 0; run < Math.max(runs, 3); run++) {
    const t = performance.now();
    let rounds = 0;
    do {
      for (const text of texts) fn(text);
      rounds++;
    } while (performance.now() - t < 200);
    best = Math.max(best, (bytes * rounds) / 1e6 / ((performance.now() - t) / 1000));
  }
  return { bytes, mbs: best };
}

function measureBicep() {
  const dir = join(root, '..', 'shared', 'conformance', 'bicep');
  if (!existsSync(dir)) {
    console.log(`\nbicep parse: skipped (no corpus at ${dir})`);
    return undefined;
  }
  // The .diagnostics.bicep baselines are the same sources with comment lines added: left out.
  const sources = listFiles(dir, '.bicep').filter((f) => !f.endsWith('.diagnostics.bicep')).map((f) => readFileSync(f, 'utf8'));
  const compiled = listFiles(dir, 'main.json').map((f) => readFileSync(f, 'utf8'));
  let errors = 0;
  for (const text of sources) errors += parseBicep(text).errors.length; // and warm up
  const bicep = throughput(sources, parseBicep);
  const json = throughput(compiled, JSON.parse);
  console.log(
    `\nbicep parse: ${sources.length} files, ${fmt(bicep.bytes / 1e6, 2)} MB (${errors} syntax errors, from the invalid samples): ${fmt(bicep.mbs)} MB/s; JSON.parse of ${compiled.length} main.json (${fmt(json.bytes / 1e6, 2)} MB): ${fmt(json.mbs)} MB/s; ratio ${fmt(bicep.mbs / json.mbs, 2)} of JSON.parse (fastest of ${Math.max(runs, 3)} runs of >= 200 ms)`,
  );
  return bicep.mbs;
}

const bicepMbs = sections.includes('bicep') ? measureBicep() : undefined;

async function measureEslint() {
  const { ESLint } = await import('eslint');
  const { default: plugin, clearFindingsCache } = await import('@sigil/eslint-plugin');
  let eslintBest = Infinity;
  let sigilBest = Infinity;
  let messages = 0;
  let findings = 0;
  for (let run = 0; run < runs; run++) {
    clearFindingsCache();
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    let t = performance.now();
    const results = await eslint.lintFiles(['fixtures/']);
    eslintBest = Math.min(eslintBest, performance.now() - t);
    messages = results.reduce((n, r) => n + r.messages.length, 0);
    t = performance.now();
    findings = lintFiles(await discover(['fixtures/'], root), { cwd: root }).findings.length;
    sigilBest = Math.min(sigilBest, performance.now() - t);
  }
  console.log(`
eslint: fixtures/ with the recommended config ${fmt(eslintBest)} ms (${messages} messages), sigil lint ${fmt(sigilBest)} ms (${findings} findings), ratio ${fmt(eslintBest / sigilBest, 2)}x (fastest of ${runs})`);
}
if (sections.includes('eslint')) await measureEslint();

// Single files are measured by the start-up line; the throughput target applies from 100 files up,
// where fixed costs (loading the rules, the first JIT) no longer dominate a sub-millisecond baseline.
const targets = [];
const measured = rows.filter((r) => r.size >= 100);
if (measured.length > 0) {
  const worst = Math.max(...measured.map((r) => r.sigil / r.baseline));
  targets.push(`lint <= 3x baseline (100+ files): ${worst <= 3 ? 'met' : 'NOT met'} (worst ${fmt(worst, 2)}x)`);
}
if (startup !== undefined) targets.push(`start-up <= 2.5x node: ${startup <= 2.5 ? 'met' : 'NOT met'} (${fmt(startup, 2)}x)`);
if (bicepMbs !== undefined) targets.push(`bicep parse >= 20 MB/s: ${bicepMbs >= 20 ? 'met' : 'NOT met'} (${fmt(bicepMbs)} MB/s)`);
console.log(`\ntargets: ${targets.join('; ')}`);
