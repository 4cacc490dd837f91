import { isObject, type Value } from '@sigil/core';
import type { Located, ModuleConfig, ResourceDeclaration } from './config.js';
import { isTemplate, parseExpression, parseTemplate, TerraformSyntaxError, type Expr } from './syntax.js';

/** The resource blocks a block refers to; `unknown` when a reference sigil cannot follow may be to any. */
export interface References {
  readonly resources: ReadonlySet<ResourceDeclaration>;
  readonly unknown: boolean;
}

/** Roots of a reference that never name a resource: input variables, loop and instance values, metadata. */
const NOT_RESOURCES = new Set(['var', 'each', 'count', 'self', 'path', 'terraform']);

/**
 * The resources a resource block depends on, found as Terraform builds its graph: every reference in
 * any argument or nested block (`azurerm_shared_image_gallery.g.name`, `azapi_resource.g.id`, an
 * instance `g[0]` or `g["x"]` is the whole block), `depends_on`, `lifecycle.replace_triggered_by`,
 * and the references of the locals and data sources it uses, however deep. Input variables never
 * refer to a resource of the module. A module output, a splat, a template directive or anything else
 * sigil does not parse makes the answer unknown.
 */
export class ConfigReferences {
  private readonly locals = new Map<string, References | 'visiting'>();
  private readonly data = new Map<ResourceDeclaration, References | 'visiting'>();
  /** How many locals and data sources deep the walk is: a longer chain than `maxDepth` is unknown. */
  private depth = 0;

  constructor(private readonly config: ModuleConfig, private readonly maxDepth: number) {}

  /** The references of a resource block. */
  of(decl: ResourceDeclaration): References {
    const acc = new Accumulator();
    this.block(decl.value, acc);
    return acc.result();
  }

  /** A block's arguments; the meta-arguments that hold bare references are read as references. */
  private block(body: Value, acc: Accumulator): void {
    if (!isObject(body)) {
      this.json(body, acc);
      return;
    }
    for (const key of Object.keys(body)) {
      const value = body[key] as Value;
      if (key === '//' || key === 'provider') continue;
      if (key === 'depends_on') this.bare(value, acc);
      else if (key === 'lifecycle') this.lifecycle(value, acc);
      else this.json(value, acc);
    }
  }

  private lifecycle(value: Value, acc: Accumulator): void {
    const each = Array.isArray(value) ? value : [value];
    for (const l of each) {
      if (!isObject(l)) continue;
      for (const key of Object.keys(l)) {
        // `ignore_changes` names attributes of the resource itself, never another resource.
        if (key === 'replace_triggered_by') this.bare(l[key] as Value, acc);
        else if (key !== 'ignore_changes' && key !== '//') this.json(l[key] as Value, acc);
      }
    }
  }

  /** `["azurerm_shared_image_gallery.g"]`: references written without `${}`. */
  private bare(value: Value, acc: Accumulator): void {
    if (!Array.isArray(value)) {
      this.json(value, acc);
      return;
    }
    for (const item of value) {
      if (typeof item !== 'string') {
        acc.unknown = true;
        continue;
      }
      this.expression(item, acc, !isTemplate(item));
    }
  }

  /** A JSON value of the configuration: its strings are templates. */
  private json(value: Value, acc: Accumulator): void {
    if (typeof value === 'string') {
      if (isTemplate(value)) this.expression(value, acc, false);
    } else if (Array.isArray(value)) {
      for (const v of value) this.json(v, acc);
    } else if (isObject(value)) {
      for (const key of Object.keys(value)) if (key !== '//') this.json(value[key] as Value, acc);
    }
  }

  private expression(text: string, acc: Accumulator, bare: boolean): void {
    let expr: Expr;
    try {
      expr = bare ? parseExpression(text) : parseTemplate(text);
    } catch (e) {
      if (!(e instanceof TerraformSyntaxError)) throw e;
      acc.unknown = true;
      return;
    }
    this.walk(expr, new Set(), acc);
  }

  /** Walks an expression; `bound` are the names of enclosing `for` expressions. */
  private walk(e: Expr, bound: ReadonlySet<string>, acc: Accumulator): void {
    switch (e.kind) {
      case 'literal':
        return;
      case 'template':
        for (const p of e.parts) if (typeof p !== 'string') this.walk(p, bound, acc);
        return;
      case 'tuple':
        for (const x of e.items) this.walk(x, bound, acc);
        return;
      case 'object':
        for (const { key, value } of e.entries) {
          this.walk(key, bound, acc);
          this.walk(value, bound, acc);
        }
        return;
      case 'variable':
      case 'attribute':
      case 'index':
        this.traversal(e, bound, acc);
        return;
      case 'call':
        for (const a of e.args) this.walk(a, bound, acc);
        return;
      case 'unary':
        this.walk(e.operand, bound, acc);
        return;
      case 'binary':
        this.walk(e.left, bound, acc);
        this.walk(e.right, bound, acc);
        return;
      case 'conditional':
        this.walk(e.test, bound, acc);
        this.walk(e.then, bound, acc);
        this.walk(e.otherwise, bound, acc);
        return;
      case 'for': {
        this.walk(e.collection, bound, acc);
        const inner = new Set(bound);
        inner.add(e.valueName);
        if (e.keyName !== undefined) inner.add(e.keyName);
        if (e.keyExpr) this.walk(e.keyExpr, inner, acc);
        this.walk(e.valueExpr, inner, acc);
        if (e.condition) this.walk(e.condition, inner, acc);
        return;
      }
      case 'unsupported':
        acc.unknown = true;
        return;
    }
  }

  /** `root.a.b[i].c`: what its root and leading attribute names refer to; index expressions are walked too. */
  private traversal(e: Expr, bound: ReadonlySet<string>, acc: Accumulator): void {
    const names: string[] = [];
    let node = e;
    for (;;) {
      if (node.kind === 'attribute') {
        names.unshift(node.name);
        node = node.target;
      } else if (node.kind === 'index') {
        // Names after an index are attributes of one instance, not part of the address.
        names.length = 0;
        this.walk(node.index, bound, acc);
        node = node.target;
      } else break;
    }
    if (node.kind !== 'variable') {
      this.walk(node, bound, acc);
      return;
    }
    const root = node.name;
    if (bound.has(root) || NOT_RESOURCES.has(root)) return;
    const [first, second] = names;
    if (root === 'local') {
      if (first === undefined) acc.unknown = true;
      else acc.add(this.local(first));
    } else if (root === 'data') {
      const decl = this.config.dataSources.find((d) => d.type === first && d.name === second);
      if (decl) acc.add(this.dataSource(decl));
      else acc.unknown = true;
    } else {
      const decl = this.config.resources.find((r) => r.type === root && r.name === first);
      if (decl) acc.resources.add(decl);
      // A module output, or a name sigil does not know: it may stand for any resource.
      else acc.unknown = true;
    }
  }

  private local(name: string): References {
    const decl = this.config.locals.get(name);
    if (!decl) return { resources: new Set(), unknown: true };
    return this.memo(this.locals, name, decl, (d, acc) => this.json(d.value, acc));
  }

  private dataSource(decl: ResourceDeclaration): References {
    return this.memo(this.data, decl, decl, (d, acc) => this.block(d.value, acc));
  }

  private memo<K, D extends Located>(cache: Map<K, References | 'visiting'>, key: K, decl: D, read: (d: D, acc: Accumulator) => void): References {
    const cached = cache.get(key);
    // A cycle is an error Terraform reports; it adds nothing more.
    if (cached === 'visiting') return { resources: new Set(), unknown: false };
    if (cached) return cached;
    if (this.depth >= this.maxDepth) return { resources: new Set(), unknown: true };
    cache.set(key, 'visiting');
    this.depth++;
    const acc = new Accumulator();
    try {
      read(decl, acc);
    } finally {
      this.depth--;
    }
    const result = acc.result();
    cache.set(key, result);
    return result;
  }
}

class Accumulator {
  readonly resources = new Set<ResourceDeclaration>();
  unknown = false;

  add(refs: References): void {
    for (const r of refs.resources) this.resources.add(r);
    if (refs.unknown) this.unknown = true;
  }

  result(): References {
    return { resources: this.resources, unknown: this.unknown };
  }
}
