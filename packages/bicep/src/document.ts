import { LineIndex, type JsonPath, type OffsetRange, type SourceDocument, type Span } from '@sigil/core';
import type { Program, Declaration } from './ast.js';
import { parseBicep } from './parser.js';

/**
 * A parsed `.bicep` or `.bicepparam` file. Values are located by syntax-node offsets (`SourceRef.range`);
 * line and column are computed only when a finding needs them.
 */
export class BicepDocument implements SourceDocument {
  readonly text: string;
  readonly program: Program;
  private lines: LineIndex | undefined;
  private suppressions: Map<number, { all: boolean; codes: Set<string> }> | undefined;

  constructor(
    readonly file: string,
    source: string,
  ) {
    this.text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    this.program = parseBicep(this.text);
  }

  get isParameters(): boolean {
    return this.file.toLowerCase().endsWith('.bicepparam');
  }

  get declarations(): readonly Declaration[] {
    return this.program.declarations;
  }

  lineIndex(): LineIndex {
    this.lines ??= new LineIndex(this.text);
    return this.lines;
  }

  locate(_path: JsonPath): Span | undefined {
    return undefined;
  }

  spanOf(range: OffsetRange): Span {
    const lines = this.lineIndex();
    return { start: lines.position(range.start), end: lines.position(range.end) };
  }

  /**
   * `#disable-next-line` (Bicep's directive; without codes it silences everything) and
   * `// sigil-disable-next-line CODE -- reason` apply to findings that start on the next line. A
   * code matches a rule by its code or its name.
   */
  isSuppressed(code: string, name: string, line: number): boolean {
    if (!this.suppressions) {
      this.suppressions = new Map();
      for (const d of this.program.directives) {
        const entry = this.suppressions.get(d.line + 1) ?? { all: false, codes: new Set<string>() };
        if (d.codes.length === 0) entry.all = true;
        for (const c of d.codes) entry.codes.add(c.toLowerCase());
        this.suppressions.set(d.line + 1, entry);
      }
    }
    const entry = this.suppressions.get(line);
    return !!entry && (entry.all || entry.codes.has(code.toLowerCase()) || entry.codes.has(name.toLowerCase()));
  }
}
