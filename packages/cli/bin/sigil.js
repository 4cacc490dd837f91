#!/usr/bin/env node
import { readFileSync, statSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (a no-op where unavailable, as on Node 20).
module.enableCompileCache?.();

/**
 * The CLI bundled into one module (scripts/bundle.js) when it is up to date with every file it was
 * made from; otherwise the modules in dist/. The bundle only saves loading time.
 */
function entry() {
  const bundle = new URL('../dist/sigil.bundle.js', import.meta.url);
  try {
    const built = statSync(bundle).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(new URL('../dist/sigil.bundle.json', import.meta.url), 'utf8'));
    const dist = new URL('../dist/', import.meta.url);
    for (const input of inputs) if (statSync(new URL(input, dist)).mtimeMs > built) return '../dist/src/main.js';
    return bundle.href;
  } catch {
    return '../dist/src/main.js';
  }
}

// A reader that stops early (`sigil lint | head`) closes the pipe: that ends the output, not in a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

const { main } = await import(entry());
process.exitCode = await main(process.argv.slice(2));
// Exit once stdout and stderr have taken the output: left to itself, the process would first wait
// for a garbage collection V8 starts after the run (tens of milliseconds, for nothing).
const flushed = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit();
