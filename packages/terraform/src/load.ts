import { basename, dirname, normalize, resolve } from 'node:path';
import { Budget, DEFAULT_LIMITS, isObject, type JsonPath, type ScopeDeclarations, type Limits, type Resource, type ResourceGraph, type Value } from '@sigil/core';
import { JsonDocument, InputError, readHead, readText, type LoadedFile } from '@sigil/arm';
import { ModuleConfig } from './config.js';
import { ModuleRun, type SuppliedVariable } from './module.js';
import { isPlan, looksLikePlan, planInstances, type ConfigLookup } from './plan.js';
import { toResource, type PlannedChange, type TerraformInstance } from './resource.js';
import { runLinks, type RunLinks } from './run-links.js';
import { MAPPINGS, armPathOf } from './mapping.js';
import { isTemplate, parseTemplate, TerraformSyntaxError } from './syntax.js';
import { adopt } from './values.js';

export interface TerraformLoadOptions {
  readonly limits?: Limits;
  /** The directory relative paths are read from. */
  readonly cwd?: string;
  /** Told as each file is read (for a progress line). */
  readonly onFile?: (path: string) => void;
  /** Where module folders are deployed, by absolute path of their files (`.sigil.yaml` `deployments:`): the subscription only. */
  readonly scopes?: ScopeDeclarations;
}

export interface TerraformInput {
  readonly path: string;
  readonly explicit: boolean;
  readonly text?: string;
}

/** `main.tf.json`, `override.tf.json`: Terraform JSON configuration, by name as Terraform reads it. */
export function isTerraformConfigName(path: string): boolean {
  return basename(path).toLowerCase().endsWith('.tf.json');
}

/** `terraform.tfvars.json`, `prod.tfvars.json`, `x.auto.tfvars.json`. */
export function isTfvarsName(path: string): boolean {
  return basename(path).toLowerCase().endsWith('.tfvars.json');
}

/** Files the Terraform frontend reads by name; plan JSON is recognised by content instead. */
export function isTerraformFileName(path: string): boolean {
  return isTerraformConfigName(path) || isTfvarsName(path);
}

/**
 * Loads Terraform JSON configuration (`*.tf.json`, one module per directory, with its tfvars files)
 * and plan JSON (`terraform show -json`) into the graph. Other JSON files are skipped ('other').
 */
export function loadTerraform(files: readonly TerraformInput[], graph: ResourceGraph, options: TerraformLoadOptions = {}): LoadedFile[] {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const cwd = options.cwd ?? process.cwd();
  const results: LoadedFile[] = [];
  const modules = new Map<string, ModuleConfig>();
  const tfvars = new Map<string, JsonDocument[]>();
  /** The configuration files of each module folder, as given. */
  const moduleFiles = new Map<string, string[]>();
  const plans: JsonDocument[] = [];

  for (const f of files) {
    options.onFile?.(f.path);
    const config = isTerraformConfigName(f.path);
    const vars = isTfvarsName(f.path);
    if (!config && !vars && !f.text && !looksLikePlan(readHead(resolve(cwd, f.path)) ?? '')) {
      results.push({ file: f.path, kind: 'other' });
      continue;
    }
    const doc = open(f, graph, limits, cwd, config || vars);
    if (!doc) {
      results.push({ file: f.path, kind: doc === undefined ? 'invalid' : 'other' });
      continue;
    }
    const dir = normalize(dirname(f.path));
    if (config) {
      graph.addDocument(doc);
      let module = modules.get(dir);
      if (!module) modules.set(dir, (module = new ModuleConfig(dir)));
      module.add(doc.file, doc.value as Value);
      moduleFiles.set(dir, [...(moduleFiles.get(dir) ?? []), doc.file]);
      checkSyntax(doc, graph);
      results.push({ file: f.path, kind: 'template' });
    } else if (vars) {
      graph.addDocument(doc);
      const list = tfvars.get(dir) ?? [];
      list.push(doc);
      tfvars.set(dir, list);
      results.push({ file: f.path, kind: 'parameters' });
    } else if (isPlan(doc.value)) {
      graph.addDocument(doc);
      plans.push(doc);
      results.push({ file: f.path, kind: 'template' });
    } else {
      results.push({ file: f.path, kind: 'other' });
    }
  }

  for (const [dir, module] of modules) {
    for (const problem of module.problems) graph.diagnose({ severity: 'error', file: problem.ref.file, ref: problem.ref, message: problem.message });
    const sets = variableSets(tfvars.get(dir) ?? [], graph);
    const declared = declaredSubscription(moduleFiles.get(dir) ?? [], sets.length, options.scopes, cwd);
    if (declared === 'shared') graph.diagnose({ severity: 'note', file: moduleFiles.get(dir)?.[0] ?? dir, message: SHARED_SUBSCRIPTION_NOTE });
    for (const variables of sets) {
      const run = new ModuleRun({ config: module, tfvars: variables, graph, budget: new Budget(limits), ...(typeof declared === 'string' ? { declaredSubscription: declared } : {}) });
      addInstances(run.instances(), graph, limits, runLinks(module, limits.depth));
      // Data sources name resources that exist: a child naming one has its parent (SIG002).
      addInstances(run.dataInstances(), graph, limits);
    }
  }

  const lookup: ConfigLookup = (dir, type, name) => {
    const module = modules.get(normalize(dir));
    const decl = module?.resources.find((r) => r.type === type && r.name === name);
    return module && decl ? { config: module, file: decl.file, path: decl.path, body: decl.value } : undefined;
  };
  for (const doc of plans) addInstances(planInstances(doc.file, doc.value as never, lookup), graph, limits);
  return results;
}

/** Said when one declared subscription would hold the runs of several tfvars files of a module. */
export const SHARED_SUBSCRIPTION_NOTE = 'several tfvars files of this module are declared in the same subscription (.sigil.yaml deployments); its resources are linked as if its subscription were unknown';

/**
 * The subscription declared for a module folder: the one every configuration file of it is declared
 * in (files declared apart, or some not declared, declare none). Several tfvars runs in one declared
 * subscription are `'shared'`: environments usually go to several subscriptions, so sigil does not guess.
 */
function declaredSubscription(files: readonly string[], runs: number, scopes: ScopeDeclarations | undefined, cwd: string): string | 'shared' | undefined {
  if (!scopes || files.length === 0) return undefined;
  const found = files.map((file) => scopes(resolve(cwd, file))?.subscriptionId);
  const first = found[0];
  if (first === undefined || found.some((s) => s?.toLowerCase() !== first.toLowerCase())) return undefined;
  return runs > 1 ? 'shared' : first;
}

function addInstances(instances: readonly TerraformInstance[], graph: ResourceGraph, limits: Limits, links?: (instance: TerraformInstance) => RunLinks): void {
  let added = 0;
  for (const instance of instances) {
    const link = links?.(instance);
    const resource = toResource(instance, link);
    if (!resource) continue;
    link?.collect(resource);
    if (++added > limits.resources) {
      graph.diagnose({ severity: 'note', file: instance.declaration.file, ref: instance.declaration, message: `more than ${limits.resources} resources; the rest are not checked` });
      return;
    }
    if (!instance.deleted) graph.add(resource);
    if (instance.change) addChange(graph, instance, resource, instance.change);
  }
}

/** A plan's change of one instance, for the diff rules: its action, its state before, what forces a replace. */
function addChange(graph: ResourceGraph, instance: TerraformInstance, resource: Resource, change: PlannedChange): void {
  const before = instance.deleted ? resource : change.before ? toResource(change.before) : undefined;
  const mapping = MAPPINGS.get(instance.type);
  const replacePaths = mapping ? change.replacePaths.map((p) => armPathOf(mapping, p)).filter((p): p is (string | number)[] => p !== undefined) : [];
  graph.changes.add({
    action: change.action,
    origin: 'plan',
    ...(instance.deleted ? {} : { after: resource }),
    ...(before ? { before } : {}),
    ...(replacePaths.length > 0 ? { replacePaths } : {}),
  });
}

/**
 * The variable values of each evaluation of a module, as Terraform applies tfvars files:
 * `terraform.tfvars.json`, then `*.auto.tfvars.json` in lexical order, later files winning. Any other
 * `*.tfvars.json` is a `-var-file`: the module is evaluated once per such file, over the automatic ones.
 */
function variableSets(docs: readonly JsonDocument[], graph: ResourceGraph): Map<string, SuppliedVariable>[] {
  const name = (d: JsonDocument) => basename(d.file).toLowerCase();
  const automatic = [
    ...docs.filter((d) => name(d) === 'terraform.tfvars.json'),
    ...docs.filter((d) => name(d).endsWith('.auto.tfvars.json')).sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0)),
  ];
  const explicit = docs.filter((d) => !automatic.includes(d)).sort((a, b) => (name(a) < name(b) ? -1 : 1));
  const merge = (list: readonly JsonDocument[]) => {
    const out = new Map<string, SuppliedVariable>();
    for (const doc of list) {
      const root = doc.value;
      if (!isObject(root)) {
        graph.diagnose({ severity: 'error', file: doc.file, ref: { file: doc.file, path: [] }, message: 'a tfvars JSON file must hold an object of variable values' });
        continue;
      }
      for (const key of Object.keys(root)) {
        const path: JsonPath = [key];
        out.set(key, { value: adopt(structuredClone(root[key] as Value), { file: doc.file, path }), ref: { file: doc.file, path } });
      }
    }
    return out;
  };
  if (explicit.length === 0) return [merge(automatic)];
  return explicit.map((d) => merge([...automatic, d]));
}

/** Reads and parses a file. Undefined: invalid (reported); null: not Terraform JSON. */
function open(f: TerraformInput, graph: ResourceGraph, limits: Limits, cwd: string, byName: boolean): JsonDocument | undefined | null {
  let text: string;
  try {
    text = f.text ?? readText(resolve(cwd, f.path), limits);
  } catch (e) {
    if (!byName && !f.explicit) return null;
    graph.diagnose({ severity: 'error', file: f.path, message: e instanceof InputError ? e.message : `cannot read the file: ${(e as Error).message}` });
    return undefined;
  }
  const doc = new JsonDocument(f.path, text);
  if (doc.problems.length > 0) {
    if (!byName && !f.explicit) return null;
    graph.addDocument(doc);
    const first = doc.problems[0] as (typeof doc.problems)[number];
    graph.diagnose({ severity: 'error', file: f.path, span: first.span, message: `invalid JSON: ${first.message}` });
    return undefined;
  }
  return doc;
}


/** Reports every template that does not parse, with its place: Terraform would refuse the file. */
function checkSyntax(doc: JsonDocument, graph: ResourceGraph): void {
  const root = doc.value;
  if (!isObject(root)) return;
  const stack: { value: Value; path: JsonPath }[] = [];
  for (const key of Object.keys(root)) {
    // Variable defaults and tfvars are literal values, not templates.
    if (key !== 'variable' && key !== '//') stack.push({ value: root[key] as Value, path: [key] });
  }
  let visited = 0;
  while (stack.length > 0 && visited++ < 1_000_000) {
    const { value, path } = stack.pop() as { value: Value; path: JsonPath };
    if (typeof value === 'string') {
      if (!isTemplate(value)) continue;
      try {
        parseTemplate(value);
      } catch (e) {
        if (!(e instanceof TerraformSyntaxError)) throw e;
        graph.diagnose({ severity: 'error', file: doc.file, ref: { file: doc.file, path }, message: `invalid Terraform expression: ${e.message}` });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (isObject(value)) {
      for (const k of Object.keys(value)) stack.push({ value: value[k] as Value, path: [...path, k] });
    }
  }
}
