import { LineIndex, parseDirectiveText, type JsonPath, type OffsetRange, type SourceDocument, type Span, type SuppressionDirective } from '@sigil/core';
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
  private directives: SuppressionDirective[] | undefined;

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
   * `#disable-next-line SIG303 // reason` (Bicep's directive; codes of other tools in it are theirs) and
   * `// sigil-disable-next-line SIG303 until=2027-06-30 -- reason` cover findings that start on the
   * next line. A code matches a rule by its code or its name.
   */
  suppressions(): readonly SuppressionDirective[] {
    this.directives ??= this.program.directives.map((d) => {
      const parsed = d.kind === 'sigil' ? parseDirectiveText(d.codes.join(' ')) : { codes: d.codes, until: undefined };
      return {
        file: this.file,
        at: { file: this.file, range: { start: d.start, end: d.end } },
        codes: parsed.codes,
        reason: d.reason,
        until: parsed.until,
        target: { kind: 'line', line: d.line + 1 },
        syntax: d.kind === 'bicep' ? '#disable-next-line' : '// sigil-disable-next-line',
        ...(d.kind === 'bicep' ? { foreignCodesAllowed: true } : {}),
      };
    });
    return this.directives;
  }
}
