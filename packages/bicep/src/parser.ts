import type { Declaration, Program, SyntaxError } from './ast.js';
import { Cursor, Unwind } from './cursor.js';
import { Tok, lex } from './lexer.js';
import { errorDeclaration, parseDeclaration } from './parse-declaration.js';

/**
 * Parses a `.bicep` or `.bicepparam` file (the grammar is the union of both; the evaluator checks
 * which declarations a file may have). Never throws: syntax errors are in `errors`, and each costs at
 * most the declaration it is in. A leading BOM is skipped; offsets index `text` as given.
 */
export function parseBicep(text: string): Program {
  const errors: SyntaxError[] = [];
  try {
    return parseProgram(text, errors);
  } catch (e) {
    // A bug of ours, not of the file: report it as an error of the whole file instead of crashing the lint.
    const message = e instanceof Error ? e.message : String(e);
    errors.push({ message: `the Bicep parser failed: ${message}`, start: 0, end: 0 });
    return { declarations: [], errors, directives: [], comments: [], start: 0, end: text.length };
  }
}

function parseProgram(text: string, errors: SyntaxError[]): Program {
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const { tokens, directives, comments } = lex(text, errors);
  const c = new Cursor(text, tokens, errors, first);
  const declarations: Declaration[] = [];
  c.skipNewLines();
  while (!c.is(Tok.EOF)) {
    const firstToken = c.i;
    const start = c.start;
    const declaration = parseDeclaration(c);
    if (c.unwind !== Unwind.None) {
      skipDeclaration(c, firstToken);
      declarations.push(errorDeclaration(c, start));
    } else {
      declarations.push(declaration);
      if (!c.is(Tok.NewLine) && !c.is(Tok.EOF)) {
        const trailingStart = c.start;
        const trailingToken = c.i;
        c.error(`expected a new line after the declaration${c.found()}`, c.start, c.end);
        skipDeclaration(c, trailingToken);
        declarations.push(errorDeclaration(c, trailingStart));
      }
    }
    c.skipNewLines();
  }
  errors.sort((a, b) => a.start - b.start || a.end - b.end);
  return { declarations, errors, directives, comments, start: first, end: text.length };
}

/**
 * After an error, skips to the end of the declaration: the next line break outside the brackets the
 * declaration opened, or, when a bracket was left open, a line that clearly starts a new declaration.
 */
function skipDeclaration(c: Cursor, firstToken: number): void {
  c.unwind = Unwind.None;
  let depth = 0;
  for (let i = firstToken; i < c.i; i++) depth += bracketDelta(c.kindAt(i));
  for (;;) {
    const kind = c.kind;
    if (kind === Tok.EOF) return;
    if (kind === Tok.NewLine && (depth <= 0 || c.startsTopLevelDeclaration(c.i + 1))) return;
    depth += bracketDelta(kind);
    c.next();
  }
}

function bracketDelta(kind: number): number {
  switch (kind) {
    case Tok.LBrace:
    case Tok.LParen:
    case Tok.LSquare:
      return 1;
    case Tok.RBrace:
    case Tok.RParen:
    case Tok.RSquare:
      return -1;
    default:
      return 0;
  }
}
