import type { SuppressionDirective } from './suppression.js';
/**
 * Where a value was written. Frontends resolve `path` (a JSON path into the file, or a path into a
 * Bicep/Terraform syntax tree) to a span lazily, only when a finding needs it, so that linting a clean
 * file never pays for line and column computation.
 */
export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];

export interface SourceRef {
  readonly file: string;
  readonly path?: JsonPath;
  readonly span?: Span;
  /**
   * UTF-16 offsets into the document's text (end exclusive), turned into a span only when a finding
   * needs one: the Bicep frontend locates values by syntax node, not by JSON path.
   */
  readonly range?: OffsetRange;
}

export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units (SARIF's default column kind). */
  readonly column: number;
  /** 0-based offset into the text. */
  readonly offset: number;
}

export interface Span {
  readonly start: Position;
  readonly end: Position;
}

/** A file whose JSON paths can be turned into spans (implemented by each frontend). */
export interface SourceDocument {
  readonly file: string;
  readonly text: string;
  locate(path: JsonPath): Span | undefined;
  /** The span of an offset range (documents whose refs carry `range`). */
  spanOf?(range: OffsetRange): Span;
  /** The suppression directives written in the document (comments, metadata), read on first call. */
  suppressions?(): readonly SuppressionDirective[];
}

/**
 * Provenance of evaluated containers. A frontend that builds an object or array from source text
 * records where it came from; when an evaluated value is later moved around (a variable used as a
 * property, a parameter default used in a resource), its provenance travels with the object, so a
 * finding on `targetRegions[1].name` can point at the line of the parameter file that wrote it.
 */
/**
 * Where a member's value was written, or a function that finds it: frontends record a lazy origin
 * when finding it costs work (re-reading a `parameters('x')[copyIndex()]` chain), since it is only
 * needed when a finding points at that member.
 */
export type MemberRef = SourceRef | (() => SourceRef | undefined);

interface Provenance {
  base?: SourceRef;
  keys?: Map<PathSegment, MemberRef>;
  /** Where members sit in the container's text, for containers located by range rather than path. */
  slots?: Map<PathSegment, SourceRef>;
}

/**
 * Provenance is stored on the container under a symbol, which JSON, `Object.keys` and `for...in` never
 * see. (A WeakMap of every evaluated container was slower and cost more in garbage collection: its
 * entries are ephemerons the collector must trace specially.)
 */
const PROVENANCE: unique symbol = Symbol('sigil.provenance');

type Tracked = { [PROVENANCE]?: Provenance };

function provenanceOf(container: object): Provenance | undefined {
  return (container as Tracked)[PROVENANCE];
}

function track(container: object, p: Provenance): void {
  (container as Tracked)[PROVENANCE] = p;
}

/** Records that `container` was written at `ref`; its keys are at `ref.path + [key]`. */
export function setOrigin(container: object, ref: SourceRef): void {
  const p = provenanceOf(container);
  if (p) p.base = ref;
  else track(container, { base: ref });
}

/** Records that the member `key` of `container` was written at `ref` (copy loops, computed members). */
export function setMemberOrigin(container: object, key: PathSegment, ref: MemberRef): void {
  let p = provenanceOf(container);
  if (!p) track(container, (p = {}));
  (p.keys ??= new Map()).set(key, ref);
}

/** Records where the member `key` sits in the container's own text (its expression), when no path says it. */
export function setMemberSlot(container: object, key: PathSegment, ref: SourceRef): void {
  let p = provenanceOf(container);
  if (!p) track(container, (p = {}));
  (p.slots ??= new Map()).set(key, ref);
}

export function originOf(container: object): SourceRef | undefined {
  return provenanceOf(container)?.base;
}

/**
 * Where the member `key` of `container` is: `slot` is its place in the container's source text (for a
 * property written as `"name": "[parameters('n')]"`, that expression); `value` is where the value itself
 * was written when known to be elsewhere (the parameter's value), else the slot.
 */
export function memberOrigin(container: object, key: PathSegment): { slot?: SourceRef; value?: SourceRef } {
  const p = provenanceOf(container);
  if (!p) return {};
  const slot = p.slots?.get(key) ?? (p.base ? (p.base.path ? { file: p.base.file, path: [...p.base.path, key] } : p.base) : undefined);
  let explicit = p.keys?.get(key);
  if (typeof explicit === 'function') {
    explicit = explicit();
    if (explicit) p.keys?.set(key, explicit);
    else p.keys?.delete(key);
  }
  const value = explicit ?? slot;
  return { ...(slot ? { slot } : {}), ...(value ? { value } : {}) };
}

/** Line index of a text, for offset -> line/column conversion. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  position(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1, offset };
  }

  span(offset: number, length: number): Span {
    return { start: this.position(offset), end: this.position(offset + length) };
  }

  /** The text of a 1-based line, without its line terminator. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
