import type { Expression, ModuleDeclaration, ObjectExpression, ResourceDeclaration } from './ast.js';

/** A declaration another one can depend on: a resource (top-level or nested) or a module. */
export type DependencyTarget = ResourceDeclaration | ModuleDeclaration;

/** What a name of the file stands for, as far as dependencies go. */
export type NameMeaning =
  | { readonly kind: 'var'; readonly value: Expression }
  | { readonly kind: 'target'; readonly decl: DependencyTarget }
  | undefined;

/**
 * The resources and modules a declaration refers to, found as the Bicep compiler finds the
 * dependencies it writes into `dependsOn`: every use of a resource or module symbol in the
 * declaration (name, `parent:`, `scope:`, `dependsOn:`, properties, condition, loop), `a::b` for
 * the nested resource `b`, and symbols used by the variables it uses, however deep. Inside a
 * resource's body, the resources nested in it and in its ancestors are visible by name. Nested
 * resource declarations are left out of their parent's references: they are declarations of their
 * own. Parameters, functions and imports never refer to a resource.
 */
export class SymbolReferences {
  private readonly variables = new Map<string, ReadonlySet<DependencyTarget> | 'visiting'>();
  /** How many variables deep the walk is: a longer chain than `maxDepth` is not followed. */
  private depth = 0;
  /** The resource each nested resource is declared in. */
  private readonly parents = new Map<ResourceDeclaration, ResourceDeclaration>();

  constructor(private readonly meaning: (name: string) => NameMeaning, resources: readonly ResourceDeclaration[], private readonly maxDepth: number) {
    const stack = [...resources];
    while (stack.length > 0) {
      const decl = stack.pop() as ResourceDeclaration;
      for (const nested of nestedDeclarations(decl)) {
        this.parents.set(nested, decl);
        stack.push(nested);
      }
    }
  }

  /** The declarations a resource or module declaration refers to; undefined when variables nest too deep to follow. */
  of(decl: DependencyTarget): Set<DependencyTarget> | undefined {
    const out = new Set<DependencyTarget>();
    try {
      this.walk(decl.body, new Set(), out, decl.kind === 'resource' ? decl : undefined);
    } catch (e) {
      if (e instanceof TooDeep) return undefined;
      throw e;
    }
    return out;
  }

  /**
   * What a name means inside the body of `within`: a resource nested in it or in one of its
   * ancestors, else a name of the file.
   */
  private lookup(name: string, within: ResourceDeclaration | undefined): NameMeaning {
    for (let d = within; d; d = this.parents.get(d)) {
      const nested = nestedDeclarations(d).find((n) => n.name.name === name);
      if (nested) return { kind: 'target', decl: nested };
    }
    return this.meaning(name);
  }

  private variable(name: string, value: Expression): ReadonlySet<DependencyTarget> {
    const cached = this.variables.get(name);
    // A variable that refers to itself is a compile error; it adds nothing more.
    if (cached === 'visiting') return new Set();
    if (cached) return cached;
    if (this.depth >= this.maxDepth) throw new TooDeep();
    this.variables.set(name, 'visiting');
    this.depth++;
    const out = new Set<DependencyTarget>();
    try {
      this.walk(value, new Set(), out, undefined);
    } catch (e) {
      // Not half an answer: the next walk through this variable starts again.
      this.variables.delete(name);
      throw e;
    } finally {
      this.depth--;
    }
    this.variables.set(name, out);
    return out;
  }

  /** Walks an expression; `bound` are the loop and lambda variables in scope, which hide file symbols. */
  private walk(e: Expression, bound: ReadonlySet<string>, out: Set<DependencyTarget>, within: ResourceDeclaration | undefined): void {
    switch (e.kind) {
      case 'variable': {
        if (bound.has(e.name)) return;
        const m = this.lookup(e.name, within);
        if (m?.kind === 'target') out.add(m.decl);
        else if (m?.kind === 'var') for (const d of this.variable(e.name, m.value)) out.add(d);
        return;
      }
      case 'interpolated':
        for (const x of e.expressions) this.walk(x, bound, out, within);
        return;
      case 'object':
        this.walkObject(e, bound, out, within);
        return;
      case 'array':
        for (const item of e.items) this.walk(item.kind === 'spread' ? item.expression : item, bound, out, within);
        return;
      case 'call':
        if (e.target) this.walk(e.target, bound, out, within);
        for (const a of e.args) this.walk(a, bound, out, within);
        return;
      case 'member':
      case 'nonNull':
        this.walk(e.target, bound, out, within);
        return;
      case 'index':
        this.walk(e.target, bound, out, within);
        this.walk(e.index, bound, out, within);
        return;
      case 'resourceAccess': {
        this.walk(e.target, bound, out, within);
        const nested = this.nestedResource(e, bound, within);
        if (nested) out.add(nested);
        return;
      }
      case 'unary':
        this.walk(e.operand, bound, out, within);
        return;
      case 'binary':
        this.walk(e.left, bound, out, within);
        this.walk(e.right, bound, out, within);
        return;
      case 'ternary':
        this.walk(e.condition, bound, out, within);
        this.walk(e.whenTrue, bound, out, within);
        this.walk(e.whenFalse, bound, out, within);
        return;
      case 'lambda':
        this.walk(e.body, new Set([...bound, ...e.parameters.map((p) => p.name.name)]), out, within);
        return;
      case 'for': {
        this.walk(e.iterable, bound, out, within);
        const inner = new Set(bound);
        if (e.item) inner.add(e.item.name);
        if (e.index) inner.add(e.index.name);
        this.walk(e.body, inner, out, within);
        return;
      }
      case 'if':
        this.walk(e.condition, bound, out, within);
        this.walk(e.body, bound, out, within);
        return;
      case 'parenthesized':
        this.walk(e.expression, bound, out, within);
        return;
      default:
        return;
    }
  }

  private walkObject(e: ObjectExpression, bound: ReadonlySet<string>, out: Set<DependencyTarget>, within: ResourceDeclaration | undefined): void {
    for (const m of e.members) {
      if (m.kind === 'resource') continue;
      if (m.kind === 'spread') {
        this.walk(m.expression, bound, out, within);
        continue;
      }
      if (m.key.kind === 'interpolated') this.walk(m.key, bound, out, within);
      this.walk(m.value, bound, out, within);
    }
  }

  /** The nested resource `a::b` names (`a[0]::b`, `a::b::c`), when `a` is a resource of the file. */
  private nestedResource(e: Expression, bound: ReadonlySet<string>, within: ResourceDeclaration | undefined): ResourceDeclaration | undefined {
    switch (e.kind) {
      case 'variable': {
        if (bound.has(e.name)) return undefined;
        const m = this.lookup(e.name, within);
        return m?.kind === 'target' && m.decl.kind === 'resource' ? m.decl : undefined;
      }
      case 'index':
      case 'nonNull':
        return this.nestedResource(e.target, bound, within);
      case 'resourceAccess': {
        const outer = this.nestedResource(e.target, bound, within);
        return outer ? nestedDeclarations(outer).find((d) => d.name.name === e.name.name) : undefined;
      }
      default:
        return undefined;
    }
  }
}

/** A chain of variables deeper than the limit: its references are not followed. */
class TooDeep extends Error {}

/** The resources declared inside a resource's body (`{...}`, `if (...) {...}`, `[for ...: {...}]`). */
export function nestedDeclarations(decl: ResourceDeclaration): ResourceDeclaration[] {
  let b = decl.body;
  if (b.kind === 'for') b = b.body;
  if (b.kind === 'if') b = b.body;
  return b.kind === 'object' ? b.members.filter((m): m is ResourceDeclaration => m.kind === 'resource') : [];
}
