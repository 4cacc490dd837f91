import { parseBicep, type Comment } from '@sigil/bicep';

/** ESLint's position: 1-based line, 0-based column. */
export interface Location {
  readonly line: number;
  readonly column: number;
}

/** A comment as ESTree gives it: the text between its delimiters, and where it is. */
export interface BicepComment {
  readonly type: 'Line' | 'Block';
  readonly value: string;
  readonly range: [number, number];
  readonly loc: { readonly start: Location; readonly end: Location };
}

/**
 * The ESTree root ESLint needs from a parser: nothing inside, the whole text as its range, and the
 * file's comments (ESLint reads its `eslint-disable` directives from them).
 */
export interface BicepProgram {
  readonly type: 'Program';
  readonly sourceType: 'module';
  readonly body: [];
  readonly comments: BicepComment[];
  readonly tokens: [];
  readonly range: [number, number];
  readonly loc: { readonly start: Location; readonly end: Location };
}

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** The ESLint location of a UTF-16 offset, with the line breaks ESLint counts. */
export function locationOf(text: string, offset: number): Location {
  let line = 1;
  let lineStart = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m && m.index < offset; m = LINE_BREAK.exec(text)) {
    line++;
    lineStart = m.index + m[0].length;
  }
  return { line, column: offset - lineStart };
}

/**
 * The ESLint locations of increasing offsets in one pass over the text (a file's comments are many
 * on a long file; `locationOf` for each would read the text once per comment).
 */
function locator(text: string): (offset: number) => Location {
  let line = 1;
  let lineStart = 0;
  LINE_BREAK.lastIndex = 0;
  let next = LINE_BREAK.exec(text);
  return (offset) => {
    while (next && next.index < offset) {
      line++;
      lineStart = next.index + next[0].length;
      next = LINE_BREAK.exec(text);
    }
    return { line, column: offset - lineStart };
  };
}

/** A Bicep syntax error in the form ESLint turns into a "Parsing error" at its line and column. */
export class BicepParseError extends SyntaxError {
  override readonly name = 'BicepParseError';
  constructor(
    message: string,
    readonly index: number,
    readonly lineNumber: number,
    /** 1-based, as ESLint reads a parser error's column. */
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * ESLint parser for `.bicep` and `.bicepparam` files. The sigil rules do not walk an ESTree: they
 * lint the file's text through sigil's Bicep frontend when the Program ends. So the tree is one empty
 * Program spanning the text, which is all ESLint core needs (ranges, locations, token and comment
 * lists, scope analysis of nothing), with the file's comments so that `// eslint-disable-next-line`
 * works. A syntax error fails the parse, as it does for JSON, so the editor shows it where it is.
 */
export const bicepParser = {
  meta: { name: '@sigil/eslint-plugin/bicep', version: '0.1.0' },
  parseForESLint(text: string): { ast: BicepProgram; visitorKeys: Record<string, string[]> } {
    const program = parseBicep(text);
    const error = program.errors[0];
    if (error) {
      const at = locationOf(text, error.start);
      throw new BicepParseError(error.message, error.start, at.line, at.column + 1);
    }
    return {
      ast: {
        type: 'Program',
        sourceType: 'module',
        body: [],
        comments: commentsOf(text, program.comments),
        tokens: [],
        range: [0, text.length],
        loc: { start: { line: 1, column: 0 }, end: locationOf(text, text.length) },
      },
      visitorKeys: { Program: [] },
    };
  },
};

/** The lexer's comments (`//` to the end of the line, `/* *\/`) as ESTree `Line` and `Block` comments. */
function commentsOf(text: string, comments: readonly Comment[]): BicepComment[] {
  const at = locator(text);
  return comments.map((c) => {
    const start = at(c.start);
    return {
      type: c.kind === 'line' ? 'Line' : 'Block',
      value: text.slice(c.start + 2, c.kind === 'line' ? c.end : c.end - 2),
      range: [c.start, c.end],
      loc: { start, end: at(c.end) },
    };
  });
}
