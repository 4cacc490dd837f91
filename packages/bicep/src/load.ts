import { dirname, join, resolve } from 'node:path';
import {
  Budget, DEFAULT_LIMITS, Unknown, Lambda, isObject, declaredScopesOfRuns, exceptModules, rootDeploymentScope,
  type DeploymentScope, type Limits, type ScopeDeclarations, type ResourceGraph, type SourceRef, type Value,
} from '@sigil/core';
import { JsonDocument, Template, classifyArm, parametersOf, readText, InputError, SHARED_SCOPE_NOTE, type ParameterSource, type SuppliedParameter } from '@sigil/arm';
import { BicepDocument } from './document.js';
import { BicepTemplate, type FileLoader } from './template.js';

export interface BicepLoadOptions {
  /** Parameters for every template of the run (`--parameters`): `.bicepparam` or ARM JSON files, or `name=value`. */
  readonly parameters?: readonly ParameterSource[];
  readonly limits?: Limits;
  readonly cwd?: string;
  /** Told as each file is read (for a progress line). */
  readonly onFile?: (path: string) => void;
  /** Where templates are deployed, by absolute path of the template or of its `.bicepparam` file (`.sigil.yaml` `deployments:`). */
  readonly scopes?: ScopeDeclarations;
}

export function isBicepFile(path: string): boolean {
  return /\.bicep(param)?$/i.test(path);
}

/**
 * Loads `.bicep` and `.bicepparam` files into the graph. A template is evaluated once per
 * `.bicepparam` file whose `using` names it, or with its defaults when none does; a `.bicepparam`
 * file linted without its template loads the template. Syntax errors are reported with their span;
 * the declarations around them are still evaluated.
 */
export function loadBicep(
  files: readonly { readonly path: string; readonly explicit: boolean; readonly text?: string }[],
  graph: ResourceGraph,
  options: BicepLoadOptions = {},
): string[] {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const cwd = options.cwd ?? process.cwd();
  const context = new LoadContext(graph, limits, cwd);
  const templates: BicepDocument[] = [];
  const parameterFiles: BicepDocument[] = [];
  const linted: string[] = [];
  for (const f of files) {
    if (!isBicepFile(f.path)) continue;
    options.onFile?.(f.path);
    const doc = context.open(f.path, f.text);
    if (!doc) continue;
    linted.push(f.path);
    (doc.isParameters ? parameterFiles : templates).push(doc);
  }

  const explicit = context.explicitParameters(options.parameters ?? []);
  const runs = new Map<string, { doc: BicepDocument; parameters: { values: ReadonlyMap<string, SuppliedParameter>; file: string }[] }>();
  for (const doc of templates) runs.set(resolve(cwd, doc.file), { doc, parameters: [] });
  if (!explicit) {
    for (const p of parameterFiles) {
      const target = usingTarget(p);
      if (!target) continue;
      const full = resolve(cwd, dirname(p.file), target);
      let run = runs.get(full);
      if (!run) {
        const doc = context.bicep(target, p.file);
        if (!doc) continue;
        run = { doc, parameters: [] };
        runs.set(full, run);
      }
      run.parameters.push({ values: context.parametersOf(p), file: resolve(cwd, p.file) });
    }
  }
  const scopes = exceptModules(options.scopes, moduleTargets([...runs.values()].map((r) => r.doc), cwd));
  for (const { doc, parameters } of runs.values()) {
    const sets: { values: ReadonlyMap<string, SuppliedParameter>; file?: string }[] = explicit ? [{ values: explicit }] : parameters.length > 0 ? parameters : [{ values: new Map() }];
    const declared = declaredScopesOfRuns(resolve(cwd, doc.file), sets.map((s) => s.file), scopes);
    if (declared.ambiguous) graph.diagnose({ severity: 'note', file: doc.file, message: SHARED_SCOPE_NOTE });
    for (const [i, supplied] of sets.entries()) {
      new BicepTemplate({
        doc,
        parameters: supplied.values,
        // One scope identity per evaluation: its resources and their `.id`s share it (graph links);
        // the parts the user declares where the template is deployed are those strings instead.
        scope: rootDeploymentScope(targetScopeOf(doc), declared.scopes[i]),
        graph,
        budget: new Budget(limits),
        loader: context,
        depth: 0,
        chain: [doc.file],
        counter: { resources: 0 },
      }).expand();
    }
  }
  return linted;
}

/** The local files the templates' `module` declarations name (absolute paths). */
function moduleTargets(docs: readonly BicepDocument[], cwd: string): Set<string> {
  const out = new Set<string>();
  for (const doc of docs) {
    for (const d of doc.declarations) {
      if (d.kind === 'module' && d.path.kind === 'string' && !/^(br|ts)[:/]/i.test(d.path.value)) out.add(resolve(cwd, dirname(doc.file), d.path.value));
    }
  }
  return out;
}

function usingTarget(doc: BicepDocument): string | undefined {
  for (const d of doc.declarations) {
    if (d.kind === 'using' && d.path?.kind === 'string') return d.path.value;
  }
  return undefined;
}

/** `targetScope = 'subscription'`; a resource group when absent. */
export function targetScopeOf(doc: BicepDocument): DeploymentScope['level'] {
  for (const d of doc.declarations) {
    if (d.kind !== 'targetScope' || d.value.kind !== 'string') continue;
    const v = d.value.value;
    if (v === 'subscription' || v === 'managementGroup' || v === 'tenant' || v === 'resourceGroup') return v;
  }
  return 'resourceGroup';
}

/** Reads files once per run, reports their syntax errors once, and serves modules and imports. */
class LoadContext implements FileLoader {
  private readonly docs = new Map<string, BicepDocument | undefined>();
  private readonly armDocs = new Map<string, JsonDocument | undefined>();

  constructor(
    private readonly graph: ResourceGraph,
    private readonly limits: Limits,
    private readonly cwd: string,
  ) {}

  /** Reads and parses a file; a file that cannot be read is reported unless the caller reports it (a module path). */
  open(path: string, text?: string, quiet = false): BicepDocument | undefined {
    const full = resolve(this.cwd, path);
    if (this.docs.has(full)) return this.docs.get(full);
    let doc: BicepDocument | undefined;
    try {
      doc = new BicepDocument(path, text ?? readText(full, this.limits));
    } catch (e) {
      if (!quiet) this.graph.diagnose({ severity: 'error', file: path, message: e instanceof InputError ? e.message : `cannot read the file: ${(e as Error).message}` });
    }
    this.docs.set(full, doc);
    if (!doc) return undefined;
    this.graph.addDocument(doc);
    for (const error of doc.program.errors) {
      this.graph.diagnose({ severity: 'error', file: path, ref: { file: path, range: { start: error.start, end: error.end } }, span: doc.spanOf(error), message: error.message });
    }
    return doc;
  }

  private relative(path: string, from: string): string {
    return join(dirname(from), path);
  }

  bicep(path: string, from: string): BicepDocument | undefined {
    const target = this.relative(path, from);
    const full = resolve(this.cwd, target);
    if (this.docs.has(full)) return this.docs.get(full);
    return this.open(target, undefined, true);
  }

  text(path: string, from: string): string | undefined {
    try {
      return readText(resolve(this.cwd, this.relative(path, from)), this.limits);
    } catch {
      return undefined;
    }
  }

  armModule(path: string, from: string, parameters: ReadonlyMap<string, SuppliedParameter>, scope: DeploymentScope, depth: number): boolean {
    const target = this.relative(path, from);
    const full = resolve(this.cwd, target);
    if (!this.armDocs.has(full)) {
      let doc: JsonDocument | undefined;
      try {
        doc = new JsonDocument(target, readText(full, this.limits));
        if (doc.problems.length > 0 || classifyArm(doc.value) !== 'template') doc = undefined;
      } catch {
        doc = undefined;
      }
      this.armDocs.set(full, doc);
      if (doc) this.graph.addDocument(doc);
    }
    const doc = this.armDocs.get(full);
    if (!doc || !isObject(doc.value)) return false;
    const lower = new Map([...parameters].map(([k, v]) => [k.toLowerCase(), v]));
    new Template({ doc, template: doc.value, path: [], parameters: lower, scope, graph: this.graph, budget: new Budget(this.limits), depth, counter: { resources: 0 } }).expand();
    return true;
  }

  /** The values a `.bicepparam` file assigns, each remembering where it was written. */
  parametersOf(doc: BicepDocument): Map<string, SuppliedParameter> {
    const evaluation = new BicepTemplate({
      doc,
      parameters: new Map(),
      scope: { level: 'resourceGroup' },
      graph: this.graph,
      budget: new Budget(this.limits),
      loader: this,
      depth: 0,
      chain: [doc.file],
      counter: { resources: 0 },
    });
    const out = new Map<string, SuppliedParameter>();
    for (const d of doc.declarations) {
      if (d.kind !== 'param' || !d.value) continue;
      const name = d.name.name;
      const v = evaluation.symbol(name);
      const value: Value = v === undefined || v instanceof Lambda ? new Unknown(`parameter "${name}" has no value`) : v;
      const ref: SourceRef | undefined = evaluation.symbolOrigin(name);
      out.set(name, { value, ...(ref ? { ref } : {}) });
    }
    return out;
  }

  /** `--parameters`: `.bicepparam` files, ARM parameters files and `name=value`, later ones winning. */
  explicitParameters(sources: readonly ParameterSource[]): Map<string, SuppliedParameter> | undefined {
    if (sources.length === 0) return undefined;
    const out = new Map<string, SuppliedParameter>();
    for (const source of sources) {
      if (source.kind === 'inline') {
        out.set(source.name, { value: inlineValue(source.value) });
        continue;
      }
      if (isBicepFile(source.path)) {
        const doc = this.open(source.path);
        if (doc) for (const [k, v] of this.parametersOf(doc)) out.set(k, v);
        continue;
      }
      let doc: JsonDocument;
      try {
        doc = new JsonDocument(source.path, readText(resolve(this.cwd, source.path), this.limits));
      } catch {
        continue;
      }
      if (doc.problems.length > 0 || classifyArm(doc.value) !== 'parameters') continue;
      this.graph.addDocument(doc);
      for (const [k, v] of parametersOf(doc, this.graph)) out.set(k, v);
    }
    return out;
  }
}

function inlineValue(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch {
    return text;
  }
}
