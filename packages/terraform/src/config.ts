import { isObject, type JsonPath, type SourceRef, type Value, type ValueObject } from '@sigil/core';

/** A block or argument of a Terraform JSON file, with where it is. */
export interface Located<T extends Value = Value> {
  readonly file: string;
  readonly path: JsonPath;
  readonly value: T;
}

export interface ResourceDeclaration extends Located<ValueObject> {
  readonly type: string;
  readonly name: string;
  /** A `data` block: it reads a resource that exists already, it deploys nothing. */
  readonly data?: boolean;
}

/**
 * The blocks of one module: every `.tf.json` file of a directory. Terraform JSON lets any block level
 * be an object or an array of objects (repeated blocks); both are read.
 */
export class ModuleConfig {
  readonly variables = new Map<string, Located<ValueObject>>();
  readonly locals = new Map<string, Located>();
  readonly resources: ResourceDeclaration[] = [];
  /** `data` blocks: resources that exist already (their names say which ones); a resource that uses one depends on what it refers to. */
  readonly dataSources: ResourceDeclaration[] = [];
  /** `provider "azurerm"` blocks by alias (`""` for the default one). */
  readonly providers = new Map<string, Located<ValueObject>>();
  /** Problems with the shape of the files (a resource that is not an object...). */
  readonly problems: { ref: SourceRef; message: string }[] = [];

  constructor(readonly dir: string) {}

  add(file: string, root: Value): void {
    if (!isObject(root)) {
      this.problems.push({ ref: { file, path: [] }, message: 'a Terraform JSON file must hold an object' });
      return;
    }
    for (const key of Object.keys(root)) {
      const value = root[key] as Value;
      const path = [key];
      switch (key) {
        case 'variable':
          eachObject(value, path, (v, p) => labelled(v, p, (name, body, bp) => this.variables.set(name, { file, path: bp, value: body })));
          break;
        case 'locals':
          eachObject(value, path, (v, p) => {
            for (const name of Object.keys(v)) if (name !== '//') this.locals.set(name, { file, path: [...p, name], value: v[name] as Value });
          });
          break;
        case 'resource':
          eachObject(value, path, (v, p) =>
            labelled(v, p, (type, byName, tp) =>
              labelled(byName, tp, (name, body, bp) => this.resources.push({ file, path: bp, value: body, type, name }))));
          break;
        case 'data':
          eachObject(value, path, (v, p) =>
            labelled(v, p, (type, byName, tp) =>
              labelled(byName, tp, (name, body, bp) => this.dataSources.push({ file, path: bp, value: body, type, name, data: true }))));
          break;
        case 'provider':
          eachObject(value, path, (v, p) =>
            labelled(v, p, (providerName, body, bp) => {
              if (providerName !== 'azurerm') return;
              const alias = body.alias;
              this.providers.set(typeof alias === 'string' ? alias : '', { file, path: bp, value: body });
            }));
          break;
        default:
          break;
      }
    }
  }
}

/** Calls `f` with each object of a block level written as an object or an array of objects. */
function eachObject(value: Value, path: JsonPath, f: (obj: ValueObject, path: JsonPath) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => eachObject(v, [...path, i], f));
  else if (isObject(value)) f(value, path);
}

/** The labelled children of a block level: `{ "<label>": <object or array of objects> }`. */
function labelled(value: ValueObject, path: JsonPath, f: (label: string, body: ValueObject, path: JsonPath) => void): void {
  for (const label of Object.keys(value)) {
    if (label === '//') continue;
    eachObject(value[label] as Value, [...path, label], (body, p) => f(label, body, p));
  }
}
