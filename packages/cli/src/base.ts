import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ResourceGraph, changedValue, identityKey, isObject, sameResource, type Resource, type Value } from '@sigil/core';
import { discover, IGNORED_DIRECTORIES, LINTED_EXTENSIONS, UsageError, type InputFile } from './discover.js';

/** The linted files as they are at the base revision: a directory laid out as the working directory, and the files found there. */
export interface BaseSnapshot {
  /** The directory that stands for the working directory at the base revision. */
  readonly cwd: string;
  readonly files: readonly InputFile[];
}

/**
 * Compares the resources of the linted files with the same files at the base (loaded by `load` into
 * a graph of their own), by resource id: same type, full name and scope. A resource whose name or
 * scope is known only at deployment matches nothing, so no diff rule speaks about it.
 *
 * What a change does depends on the tool that deploys it. ARM and Bicep deployments are incremental:
 * a property change is an update, and a resource removed from the template is left alone (not
 * deleted). Terraform replaces a resource when a ForceNew argument changes, and destroys a resource
 * removed from the configuration.
 */
export function addBaseChanges(graph: ResourceGraph, base: BaseSnapshot, load: (graph: ResourceGraph) => void): void {
  const before = new ResourceGraph();
  load(before);
  // A file that cannot be read at the base compares nothing; said once per file, without a place in
  // it (the lines are those of the base revision, not of the file as it is now).
  const unreadable = new Set(before.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  for (const file of unreadable) graph.diagnose({ severity: 'note', file, message: 'cannot be read at the base revision; its resources are not compared with it' });
  // Plan files are changes already: comparing an old plan with a new one says nothing about a deployment.
  const compared = (g: ResourceGraph) => g.resources.filter((r) => r.deployed && g.changes.of(r)?.origin !== 'plan');
  const old = compared(before);
  const now = compared(graph);
  const matched = new Set<Resource>();
  const byName = new Map<string, Resource[]>();
  for (const r of old) {
    const key = identityKey(r);
    if (key === undefined) continue;
    const list = byName.get(key);
    if (list) list.push(r);
    else byName.set(key, [r]);
  }
  for (const after of now) {
    const key = identityKey(after);
    const candidates = (key !== undefined ? byName.get(key) ?? [] : []).filter((r) => sameResource(r, after));
    if (candidates.length !== 1) {
      // New, or its id is not known well enough to pair it: a create says nothing to the diff rules.
      if (candidates.length === 0 && typeof after.fullName === 'string') graph.changes.add({ action: 'create', origin: 'base', after });
      continue;
    }
    const previous = candidates[0] as Resource;
    matched.add(previous);
    const replacePaths = after.replaceOn.filter((path) => changedValue(previous, after, path) !== undefined);
    graph.changes.add({
      action: replacePaths.length > 0 ? 'replace' : 'update',
      origin: 'base',
      after,
      before: previous,
      ...(replacePaths.length > 0 ? { replacePaths } : {}),
    });
  }
  // Types of which some resource now has a name known only at deployment: it could be any removed one.
  const unsureTypes = new Set(now.filter((r) => typeof r.fullName !== 'string').map((r) => r.type.toLowerCase()));
  // A resource declared twice (a module evaluated once per tfvars file) pairs with nothing, and is not gone either.
  const present = new Set(now.map(identityKey));
  const kept = forgottenAddresses(graph);
  for (const gone of old) {
    const key = identityKey(gone);
    if (matched.has(gone) || gone.frontend !== 'terraform' || key === undefined || unsureTypes.has(gone.type.toLowerCase()) || present.has(key)) continue;
    if (kept.has(gone.label.replace(/\[[^\]]*\]$/, ''))) continue;
    graph.changes.add({ action: 'delete', origin: 'base', before: gone });
  }
}

/**
 * The Terraform resource addresses that the linted configuration stops managing without destroying
 * them: `removed { from = ..., lifecycle { destroy = false } }` (Terraform 1.7). Such a resource is
 * gone from the files but stays in Azure. Compared by address only, whatever the module directory:
 * a resource kept by mistake is silence, never a finding.
 */
function forgottenAddresses(graph: ResourceGraph): Set<string> {
  const out = new Set<string>();
  for (const file of graph.documentFiles()) {
    if (!file.toLowerCase().endsWith('.tf.json')) continue;
    // Terraform files are JSON documents: their parsed value is on the document.
    const root = (graph.document(file) as { readonly value?: Value } | undefined)?.value;
    const blocks = isObject(root) ? root.removed : undefined;
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      if (!isObject(block)) continue;
      const options = Array.isArray(block.lifecycle) ? block.lifecycle[0] : block.lifecycle;
      if (typeof block.from === 'string' && isObject(options) && options.destroy === false) out.add(block.from.trim());
    }
  }
  return out;
}

/** A base revision written out to a temporary directory; `dispose` removes it. */
export interface GitBase extends BaseSnapshot {
  readonly dispose: () => void;
}

/** At most this many files, and this many bytes, are read from the base revision. */
const MAX_FILES = 20_000;
const MAX_BYTES = 256 * 1024 * 1024;
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The linted paths at a git revision (`--base`): the template, parameters and Terraform files of the
 * repository at `ref` are written to a temporary directory with the repository's layout, and the
 * same paths are discovered there. A path that did not exist at `ref` contributes nothing. Errors
 * (not a repository, an unknown revision) are usage errors.
 */
export async function gitBase(ref: string, paths: readonly string[], cwd: string): Promise<GitBase> {
  if (ref.startsWith('-') || ref.trim() === '') throw new UsageError(`--base needs a git revision, not "${ref}"`);
  const git = (args: string[], input?: Buffer | string): Buffer => {
    try {
      return execFileSync('git', args, { cwd, input, maxBuffer: MAX_BYTES + 16 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`--base ${ref}: git is not installed (or not on the PATH)`);
      const stderr = String((e as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0];
      throw new GitError(stderr || (e as Error).message);
    }
  };
  let root: string;
  try {
    root = git(['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--base ${ref}: ${cwd} is not in a git repository (${(e as Error).message})`);
  }
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]).toString('utf8').trim();
  } catch {
    throw new UsageError(`--base ${ref}: no such commit, branch or tag in ${root}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'sigil-base-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeTree(git, commit, dir);
    const baseCwd = join(dir, relative(root, cwd));
    const basePaths = (paths.length > 0 ? paths : ['.'])
      .map((p) => relative(root, resolve(cwd, p)))
      .filter((rel) => !rel.startsWith('..') && !isAbsolute(rel))
      .map((rel) => join(dir, rel))
      .filter((p) => existsSync(p))
      .map((p) => relative(baseCwd, p) || '.');
    const files = basePaths.length > 0 ? await discover(basePaths, existsSync(baseCwd) ? baseCwd : dir) : [];
    return { cwd: existsSync(baseCwd) ? baseCwd : dir, files, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** A git command that failed, with the first line of its error output. */
class GitError extends Error {}

/** Writes the files of the tree that sigil may read (by extension, outside ignored directories) to `dir`. */
function writeTree(git: (args: string[], input?: string) => Buffer, commit: string, dir: string): void {
  const listing = git(['ls-tree', '-r', '-l', '-z', '--full-tree', commit]).toString('utf8');
  const wanted: { oid: string; path: string }[] = [];
  let bytes = 0;
  for (const entry of listing.split('\0')) {
    const m = /^(\d+) blob ([0-9a-f]+) +(\d+)\t(.+)$/s.exec(entry);
    if (!m || m[1] === '120000') continue;
    const path = m[4] as string;
    const size = Number(m[3]);
    const parts = path.split('/');
    const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    if (!LINTED_EXTENSIONS.includes(extension) || size > MAX_FILE_BYTES || parts.some((p) => IGNORED_DIRECTORIES.includes(p) || p === '..')) continue;
    bytes += size;
    if (wanted.length >= MAX_FILES || bytes > MAX_BYTES) throw new UsageError(`--base: the revision holds more than ${MAX_FILES} files or ${MAX_BYTES} bytes of templates`);
    wanted.push({ oid: m[2] as string, path });
  }
  if (wanted.length === 0) return;
  const out = git(['cat-file', '--batch'], wanted.map((w) => w.oid).join('\n') + '\n');
  let offset = 0;
  for (const w of wanted) {
    const header = out.subarray(offset, out.indexOf(0x0a, offset)).toString('utf8');
    const size = Number(header.split(' ')[2]);
    const start = offset + Buffer.byteLength(header) + 1;
    const target = join(dir, ...w.path.split('/'));
    if (!target.startsWith(dir + sep)) throw new UsageError(`--base: unexpected path in the revision: ${w.path}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.subarray(start, start + size));
    offset = start + size + 1;
  }
}
