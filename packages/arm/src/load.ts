import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  Budget, DEFAULT_LIMITS, Unknown, declaredScopesOfRuns, exceptModules, rootDeploymentScope, isObject, getKey, findKey, setOrigin,
  type DeclaredScope, type Limits, type ScopeDeclarations, type ResourceGraph, type Value, type ValueObject, type JsonPath, type SourceRef,
} from '@sigil/core';
import { JsonDocument, decodeText } from './document.js';
import { classifyArm, looksLikeArm, targetScope } from './detect.js';
import { Template, type SuppliedParameter } from './template.js';
import { checkExpressionSyntax } from './syntax.js';

/** A parameter given on the command line: a parameters file, or `name=value`. */
export type ParameterSource = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'inline'; readonly name: string; readonly value: string };

export interface ArmLoadOptions {
  /** Parameters that apply to every template of the run, over parameters files found beside them. */
  readonly parameters?: readonly ParameterSource[];
  readonly limits?: Limits;
  /** The directory relative paths are read from (the CLI's working directory). */
  readonly cwd?: string;
  /** Told as each file is read (for a progress line). */
  readonly onFile?: (path: string) => void;
  /** Where templates are deployed, by absolute path of the template or of its parameters file (`.sigil.yaml` `deployments:`). */
  readonly scopes?: ScopeDeclarations;
}

export interface LoadedFile {
  readonly file: string;
  readonly kind: 'template' | 'parameters' | 'other' | 'invalid';
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Reads a file with the size limit, decoding UTF-8/UTF-16 and removing a BOM. */
export function readText(file: string, limits: Limits = DEFAULT_LIMITS): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > limits.fileSize) {
      throw new InputError(`the file is ${size} bytes, more than the ${limits.fileSize}-byte limit (ARM accepts at most 4 MB)`);
    }
    return decodeText(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}

/**
 * Loads ARM templates and parameters files into the graph. A template with parameters files beside it
 * (`main.json` + `main.parameters.json`, `main.parameters.prod.json`) is evaluated once per file;
 * without one, with its defaults. Files that are not ARM JSON are skipped; ARM files that do not parse
 * are reported as errors (so are files named explicitly).
 */
export function loadArm(
  files: readonly { readonly path: string; readonly explicit: boolean; readonly text?: string }[],
  graph: ResourceGraph,
  options: ArmLoadOptions = {},
): LoadedFile[] {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const cwd = options.cwd ?? process.cwd();
  const results: LoadedFile[] = [];
  const templates: JsonDocument[] = [];
  const parameterDocs = new Map<string, JsonDocument>();
  for (const f of files) {
    options.onFile?.(f.path);
    const doc = openDocument(f.path, f.text, f.explicit, graph, limits, cwd);
    if (!doc) {
      results.push({ file: f.path, kind: 'invalid' });
      continue;
    }
    if (doc === 'other') {
      results.push({ file: f.path, kind: 'other' });
      continue;
    }
    const kind = classifyArm(doc.value);
    if (kind === 'template') {
      templates.push(doc);
      checkExpressionSyntax(doc.file, doc.value as Value, graph);
    }
    else if (kind === 'parameters') parameterDocs.set(resolve(cwd, doc.file), doc);
    results.push({ file: f.path, kind: kind ?? 'other' });
  }
  // A parameters file linted without its template (a pre-commit hook given only the changed file)
  // brings the template beside it, as a `.bicepparam` brings the template its `using` names.
  const named = new Set([...templates.map((t) => resolve(cwd, t.file)), ...results.map((r) => resolve(cwd, r.file))]);
  for (const doc of parameterDocs.values()) {
    const path = templateBeside(doc.file, cwd);
    if (path === undefined || named.has(resolve(cwd, path))) continue;
    named.add(resolve(cwd, path));
    const template = openDocument(path, undefined, false, graph, limits, cwd);
    if (template === undefined || template === 'other' || classifyArm(template.value) !== 'template') continue;
    templates.push(template);
    checkExpressionSyntax(template.file, template.value as Value, graph);
    results.push({ file: path, kind: 'template' });
  }

  const explicit = explicitParameters(options.parameters ?? [], graph, limits, cwd);
  const scopes = exceptModules(options.scopes, linkedTargets(templates, cwd));
  for (const doc of templates) {
    graph.addDocument(doc);
    const runs: { parameters: ReadonlyMap<string, SuppliedParameter>; file?: string }[] = [];
    if (explicit) {
      runs.push({ parameters: explicit });
    } else {
      const beside = parameterFilesFor(resolve(cwd, doc.file), parameterDocs);
      for (const p of beside) {
        graph.addDocument(p);
        runs.push({ parameters: parametersOf(p, graph), file: resolve(cwd, p.file) });
      }
      if (runs.length === 0) runs.push({ parameters: new Map() });
    }
    const declared = declaredScopesOfRuns(resolve(cwd, doc.file), runs.map((r) => r.file), scopes);
    if (declared.ambiguous) graph.diagnose({ severity: 'note', file: doc.file, message: SHARED_SCOPE_NOTE });
    runs.forEach((run, i) => evaluateTemplate(doc, run.parameters, declared.scopes[i], graph, limits, cwd));
  }
  return results;
}

function openDocument(path: string, text: string | undefined, explicit: boolean, graph: ResourceGraph, limits: Limits, cwd: string): JsonDocument | 'other' | undefined {
  let content: string;
  try {
    content = text ?? readText(resolve(cwd, path), limits);
  } catch (e) {
    // A file over the size limit that was found by walking a directory and does not start like an ARM
    // file is skipped as any other JSON is (a large package-lock.json must not fail the lint).
    if (e instanceof InputError && !explicit && !looksLikeArm(readHead(resolve(cwd, path)) ?? 'deploymentTemplate.json')) return 'other';
    graph.diagnose({ severity: 'error', file: path, message: e instanceof InputError ? e.message : `cannot read the file: ${(e as Error).message}` });
    return undefined;
  }
  const doc = new JsonDocument(path, content);
  if (doc.problems.length > 0) {
    if (!explicit && !looksLikeArm(content)) return 'other';
    graph.addDocument(doc);
    // The first syntax error is the one to fix; the parser's later ones are mostly its consequences.
    const first = doc.problems[0] as (typeof doc.problems)[number];
    graph.diagnose({ severity: 'error', file: path, span: first.span, message: `invalid JSON: ${first.message}` });
    return undefined;
  }
  return doc;
}

/** The first 4 KB of a file, decoded: enough to recognise its kind. Undefined when it cannot be read. */
export function readHead(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const bytes = new Uint8Array(4096);
    return decodeText(bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0)));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Said when one declared scope would hold several evaluations of a template (exported for Bicep's loader). */
export const SHARED_SCOPE_NOTE = 'several parameters files of this template are declared in the same deployment scope (.sigil.yaml deployments); its resources are linked as if deployed to an unknown scope';

function evaluateTemplate(doc: JsonDocument, parameters: ReadonlyMap<string, SuppliedParameter>, declared: DeclaredScope | undefined, graph: ResourceGraph, limits: Limits, cwd: string): void {
  const template = doc.value as ValueObject;
  const linkedCache = new Map<string, { doc: JsonDocument; template: ValueObject } | undefined>();
  new Template({
    doc,
    template,
    path: [],
    parameters,
    // One scope identity per evaluation: its resources and its resourceId() calls share it (graph links);
    // the parts the user declares where the template is deployed are those strings instead.
    scope: rootDeploymentScope(targetScope(template), declared),
    graph,
    budget: new Budget(limits),
    depth: 0,
    counter: { resources: 0 },
    loadLinked: (relativePath, from) => loadLinked(relativePath, from, graph, limits, linkedCache, cwd),
  }).expand();
}

function loadLinked(
  relativePath: string,
  from: SourceRef,
  graph: ResourceGraph,
  limits: Limits,
  cache: Map<string, { doc: JsonDocument; template: ValueObject } | undefined>,
  cwd: string,
): { doc: JsonDocument; template: ValueObject } | undefined {
  const target = join(dirname(from.file), relativePath);
  if (cache.has(target)) return cache.get(target);
  let loaded: { doc: JsonDocument; template: ValueObject } | undefined;
  try {
    const doc = graph.document(target) as JsonDocument | undefined ?? new JsonDocument(target, readText(resolve(cwd, target), limits));
    if (doc.problems.length === 0 && classifyArm(doc.value) === 'template') {
      if (!graph.document(target)) checkExpressionSyntax(target, doc.value as Value, graph);
      graph.addDocument(doc);
      loaded = { doc, template: doc.value as ValueObject };
    }
  } catch {
    loaded = undefined;
  }
  cache.set(target, loaded);
  return loaded;
}

/** Deeper than any template sigil evaluates (nested deployments are bounded by the limits too). */
const MAX_LINK_SEARCH_DEPTH = 64;

/** The files the templates name in `templateLink.relativePath` as written (absolute paths). */
function linkedTargets(templates: readonly JsonDocument[], cwd: string): Set<string> {
  const out = new Set<string>();
  const visit = (value: Value, file: string, depth: number): void => {
    if (depth > MAX_LINK_SEARCH_DEPTH || value === null || typeof value !== 'object' || value instanceof Unknown) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, file, depth + 1);
      return;
    }
    const link = getKey(value, 'templateLink');
    const relative = isObject(link) ? getKey(link, 'relativePath') : undefined;
    if (typeof relative === 'string' && !relative.startsWith('[')) out.add(resolve(cwd, dirname(file), relative));
    for (const key of Object.keys(value)) visit(value[key] as Value, file, depth + 1);
  };
  for (const doc of templates) visit(doc.value as Value, doc.file, 0);
  return out;
}

/** `main.parameters.json` and `main.parameters.<anything>.json` beside `main.json` (absolute paths). */
function parameterFilesFor(full: string, parameterDocs: ReadonlyMap<string, JsonDocument>): JsonDocument[] {
  const dir = dirname(full);
  const stem = basename(full).replace(/\.json$/i, '').toLowerCase();
  const out: JsonDocument[] = [];
  for (const [path, doc] of parameterDocs) {
    if (dirname(path) !== dir) continue;
    const name = basename(path).toLowerCase();
    if (name === `${stem}.parameters.json` || (name.startsWith(`${stem}.parameters.`) && name.endsWith('.json'))) out.push(doc);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** `main.json` beside `main.parameters.json` or `main.parameters.<env>.json` (the path in the same style), if it exists. */
function templateBeside(parametersFile: string, cwd: string): string | undefined {
  const name = basename(parametersFile).toLowerCase();
  const at = name.indexOf('.parameters.');
  if (at <= 0 || !name.endsWith('.json')) return undefined;
  const wanted = `${name.slice(0, at)}.json`;
  let names: string[];
  try {
    names = readdirSync(resolve(cwd, dirname(parametersFile)));
  } catch {
    return undefined;
  }
  const found = names.find((n) => n.toLowerCase() === wanted);
  return found === undefined ? undefined : join(dirname(parametersFile), found);
}

/** The values of a parameters file, each remembering where it was written. */
export function parametersOf(doc: JsonDocument, graph: ResourceGraph): Map<string, SuppliedParameter> {
  const out = new Map<string, SuppliedParameter>();
  const root = doc.value;
  const paramsKey = isObject(root) ? findKey(root, 'parameters') : undefined;
  const params = paramsKey === undefined ? undefined : (root as ValueObject)[paramsKey];
  if (!isObject(params)) return out;
  for (const name of Object.keys(params)) {
    const entry = params[name];
    const path: JsonPath = [paramsKey as string, name];
    if (!isObject(entry)) {
      graph.diagnose({ severity: 'error', file: doc.file, ref: { file: doc.file, path }, message: `parameter "${name}" must be an object with "value" or "reference"` });
      continue;
    }
    const valueKey = findKey(entry, 'value');
    if (valueKey !== undefined) {
      const valuePath = [...path, valueKey];
      out.set(name.toLowerCase(), { value: adopt(entry[valueKey] as Value, doc.file, valuePath, 0), ref: { file: doc.file, path: valuePath } });
    } else if (getKey(entry, 'reference') !== undefined) {
      out.set(name.toLowerCase(), { value: new Unknown(`parameter "${name}" is a Key Vault reference`, { file: doc.file, path }) });
    }
  }
  return out;
}

const MAX_PARAMETER_DEPTH = 64;

/** Records provenance on a literal value's containers (so findings can point into the parameters file). */
function adopt(value: Value, file: string, path: JsonPath, depth: number): Value {
  if (value === null || typeof value !== 'object' || value instanceof Unknown) return value;
  if (depth > MAX_PARAMETER_DEPTH) return new Unknown(`the value is nested more than ${MAX_PARAMETER_DEPTH} levels deep`, { file, path });
  setOrigin(value, { file, path });
  if (Array.isArray(value)) {
    value.forEach((item, i) => (value[i] = adopt(item, file, [...path, i], depth + 1)));
  } else {
    for (const k of Object.keys(value)) value[k] = adopt(value[k] as Value, file, [...path, k], depth + 1);
  }
  return value;
}

function explicitParameters(sources: readonly ParameterSource[], graph: ResourceGraph, limits: Limits, cwd: string): Map<string, SuppliedParameter> | undefined {
  if (sources.length === 0) return undefined;
  const out = new Map<string, SuppliedParameter>();
  for (const source of sources) {
    if (source.kind === 'inline') {
      out.set(source.name.toLowerCase(), { value: inlineValue(source.value) });
      continue;
    }
    // `.bicepparam` files are the Bicep frontend's.
    if (/\.bicepparam$/i.test(source.path)) continue;
    const doc = openDocument(source.path, undefined, true, graph, limits, cwd);
    if (!doc || doc === 'other') continue;
    if (classifyArm(doc.value) !== 'parameters') {
      graph.diagnose({ severity: 'error', file: source.path, message: 'this is not an ARM parameters file (expected "$schema": ".../deploymentParameters.json#" and "parameters")' });
      continue;
    }
    graph.addDocument(doc);
    for (const [k, v] of parametersOf(doc, graph)) out.set(k, v);
  }
  return out;
}

/** `name=value` on the command line: JSON when it parses (numbers, booleans, arrays), else a string. */
function inlineValue(text: string): Value {
  try {
    const v = JSON.parse(text) as Value;
    return typeof v === 'object' && v !== null ? adopt(v, '<command line>', [], 0) : v;
  } catch {
    return text;
  }
}
