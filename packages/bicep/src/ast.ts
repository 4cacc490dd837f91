/**
 * Syntax tree of a `.bicep` or `.bicepparam` file. Every node carries `start`/`end`: UTF-16 offsets
 * into the file text (after BOM removal), end exclusive. The evaluator turns offsets into spans only
 * when a finding needs one.
 */
export interface Node {
  readonly start: number;
  readonly end: number;
}

/** An identifier as written (`myGallery`), with its own span. */
export interface Identifier extends Node {
  readonly kind: 'identifier';
  readonly name: string;
}

// ---------------------------------------------------------------------------------------------------
// Expressions

export type Expression =
  | StringLiteral
  | InterpolatedString
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | ObjectExpression
  | ArrayExpression
  | VariableAccess
  | CallExpression
  | PropertyAccess
  | IndexAccess
  | ResourceAccess
  | NonNullAssertion
  | UnaryExpression
  | BinaryExpression
  | TernaryExpression
  | LambdaExpression
  | ForExpression
  | IfExpression
  | ParenthesizedExpression
  | ErrorExpression;

/** `'text'` without interpolation, or a multi-line `'''text'''` (never interpolated). `value` is unescaped. */
export interface StringLiteral extends Node {
  readonly kind: 'string';
  readonly value: string;
  readonly multiline: boolean;
}

/** `'a${x}b${y}c'`: `parts` has one more element than `expressions` (here `['a', 'b', 'c']`), unescaped. */
export interface InterpolatedString extends Node {
  readonly kind: 'interpolated';
  readonly parts: readonly string[];
  readonly expressions: readonly Expression[];
}

/** An integer literal (Bicep has no other number literal). `value` may exceed int64 only as written text. */
export interface NumberLiteral extends Node {
  readonly kind: 'number';
  readonly value: number;
  readonly text: string;
}

export interface BooleanLiteral extends Node {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface NullLiteral extends Node {
  readonly kind: 'null';
}

/** `{ a: 1, 'b-c': 2, ...other }`, single- or multi-line. May hold nested `resource` declarations. */
export interface ObjectExpression extends Node {
  readonly kind: 'object';
  readonly members: readonly (ObjectProperty | SpreadElement | ResourceDeclaration)[];
}

export interface ObjectProperty extends Node {
  readonly kind: 'property';
  /** The key: an identifier, or a string (possibly interpolated) for keys that are not identifiers. */
  readonly key: Identifier | StringLiteral | InterpolatedString;
  readonly value: Expression;
  /** Decorators written before the property (`@description('...')` in object types and params). */
  readonly decorators: readonly Decorator[];
}

/** `...expr` in an object or array. */
export interface SpreadElement extends Node {
  readonly kind: 'spread';
  readonly expression: Expression;
}

export interface ArrayExpression extends Node {
  readonly kind: 'array';
  readonly items: readonly (Expression | SpreadElement)[];
}

/** A bare name: a parameter, variable, resource, module, loop variable, lambda parameter, or function namespace. */
export interface VariableAccess extends Node {
  readonly kind: 'variable';
  readonly name: string;
}

/**
 * `f(x)`, `ns.f(x)` (`az.resourceGroup()`, `sys.concat()`, an imported namespace), or an instance
 * function on a value (`kv.getSecret('s')`, `storage.listKeys()`): `target` is what precedes the dot.
 */
export interface CallExpression extends Node {
  readonly kind: 'call';
  readonly target: Expression | undefined;
  readonly name: Identifier;
  readonly args: readonly Expression[];
}

/** `x.name` or `x.?name` (safe: null when absent). */
export interface PropertyAccess extends Node {
  readonly kind: 'member';
  readonly target: Expression;
  readonly name: Identifier;
  readonly safe: boolean;
}

/** `x[i]` or `x[?i]`; `x[^i]` counts from the end (`x[^1]` is the last item). */
export interface IndexAccess extends Node {
  readonly kind: 'index';
  readonly target: Expression;
  readonly index: Expression;
  readonly safe: boolean;
  readonly fromEnd: boolean;
}

/** `parent::child`: the resource `child` declared inside the body of the resource `parent`. */
export interface ResourceAccess extends Node {
  readonly kind: 'resourceAccess';
  readonly target: Expression;
  readonly name: Identifier;
}

/** `x!` */
export interface NonNullAssertion extends Node {
  readonly kind: 'nonNull';
  readonly target: Expression;
}

export interface UnaryExpression extends Node {
  readonly kind: 'unary';
  readonly operator: '!' | '-' | '+';
  readonly operand: Expression;
}

export type BinaryOperator =
  | '||' | '&&' | '??'
  | '==' | '!=' | '=~' | '!~'
  | '<' | '<=' | '>' | '>='
  | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpression extends Node {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

export interface TernaryExpression extends Node {
  readonly kind: 'ternary';
  readonly condition: Expression;
  readonly whenTrue: Expression;
  readonly whenFalse: Expression;
}

/** `x => body`, `(x, y) => body`, `() => body`; parameters of typed lambdas (`func`) carry a type. */
export interface LambdaExpression extends Node {
  readonly kind: 'lambda';
  readonly parameters: readonly LambdaParameter[];
  readonly body: Expression;
}

export interface LambdaParameter extends Node {
  readonly name: Identifier;
  readonly type: TypeExpression | undefined;
}

/**
 * `[for x in items: body]`, `[for (x, i) in items: body]`, `[for i in range(0, 3): if (c) body]`.
 * `item` is undefined only for the `(, i)` form that Bicep rejects (error recovery).
 */
export interface ForExpression extends Node {
  readonly kind: 'for';
  readonly item: Identifier | undefined;
  readonly index: Identifier | undefined;
  readonly iterable: Expression;
  /** An expression, or an `IfExpression` (the filter form) for resources and modules. */
  readonly body: Expression;
}

/** `if (condition) { ... }`: only as a resource/module body or a loop body. */
export interface IfExpression extends Node {
  readonly kind: 'if';
  readonly condition: Expression;
  readonly body: Expression;
}

export interface ParenthesizedExpression extends Node {
  readonly kind: 'parenthesized';
  readonly expression: Expression;
}

/** Where the parser could not read an expression; a syntax error was reported for it. */
export interface ErrorExpression extends Node {
  readonly kind: 'error';
}

// ---------------------------------------------------------------------------------------------------
// Types (parsed fully so that a file with types has no syntax errors; the evaluator barely uses them)

export type TypeExpression =
  | TypeReference
  | LiteralType
  | UnionType
  | ArrayType
  | NullableType
  | ObjectType
  | TupleType
  | ResourceType
  | TypeAccess
  | ParenthesizedType
  | ErrorType;

/** `string`, `int`, `bool`, `object`, `array`, `any`, a declared type, or `ns.name`, with optional `<args>` (`resourceInput<'T@v'>`). */
export interface TypeReference extends Node {
  readonly kind: 'typeReference';
  readonly namespace: Identifier | undefined;
  readonly name: Identifier;
  readonly typeArguments: readonly TypeExpression[] | undefined;
}

/** `'a'`, `1`, `-1`, `true`, `false`, `null` used as a type. */
export interface LiteralType extends Node {
  readonly kind: 'literalType';
  readonly value: string | number | boolean | null;
}

export interface UnionType extends Node {
  readonly kind: 'unionType';
  readonly members: readonly TypeExpression[];
}

/** `T[]` */
export interface ArrayType extends Node {
  readonly kind: 'arrayType';
  readonly item: TypeExpression;
}

/** `T?` */
export interface NullableType extends Node {
  readonly kind: 'nullableType';
  readonly base: TypeExpression;
}

/** `{ a: string, 'b': int?, *: string }` with decorators on members. */
export interface ObjectType extends Node {
  readonly kind: 'objectType';
  readonly members: readonly ObjectTypeMember[];
}

export interface ObjectTypeMember extends Node {
  /** Undefined for the `*:` additional-properties member. */
  readonly key: Identifier | StringLiteral | undefined;
  readonly type: TypeExpression;
  readonly decorators: readonly Decorator[];
}

/** `[string, int]` */
export interface TupleType extends Node {
  readonly kind: 'tupleType';
  readonly items: readonly TypeExpression[];
}

/** `resource 'Microsoft.X/y@2024-01-01'` as a parameter or output type. */
export interface ResourceType extends Node {
  readonly kind: 'resourceType';
  readonly typeString: StringLiteral;
}

/** `T.prop`, `T[*]`, `T[0]`: access into a type (`resourceInput<'T@v'>.properties`). */
export interface TypeAccess extends Node {
  readonly kind: 'typeAccess';
  readonly base: TypeExpression;
  /** A property name, `*` for `[*]`, or an index. */
  readonly member: string | number;
}

export interface ParenthesizedType extends Node {
  readonly kind: 'parenthesizedType';
  readonly type: TypeExpression;
}

export interface ErrorType extends Node {
  readonly kind: 'errorType';
}

// ---------------------------------------------------------------------------------------------------
// Declarations

/** `@name(args)` or `@ns.name(args)`. */
export interface Decorator extends Node {
  readonly kind: 'decorator';
  readonly call: CallExpression;
}

export type Declaration =
  | ParameterDeclaration
  | VariableDeclaration
  | ResourceDeclaration
  | ModuleDeclaration
  | OutputDeclaration
  | TypeDeclaration
  | FunctionDeclaration
  | ImportDeclaration
  | UsingDeclaration
  | ExtendsDeclaration
  | MetadataDeclaration
  | TargetScopeDeclaration
  | ExtensionDeclaration
  | ExtensionConfigDeclaration
  | AssertDeclaration
  | TestDeclaration
  | ErrorDeclaration;

interface DeclarationBase extends Node {
  readonly decorators: readonly Decorator[];
}

/**
 * `param name type = default` in a `.bicep` file; `param name = value` in a `.bicepparam` file
 * (no type). `type` is undefined when absent.
 */
export interface ParameterDeclaration extends DeclarationBase {
  readonly kind: 'param';
  readonly name: Identifier;
  readonly type: TypeExpression | undefined;
  readonly value: Expression | undefined;
}

/** `var name = value`, or `var name type = value` (typed variables). */
export interface VariableDeclaration extends DeclarationBase {
  readonly kind: 'var';
  readonly name: Identifier;
  readonly type: TypeExpression | undefined;
  readonly value: Expression;
}

/**
 * `resource name 'Type@version' [existing] = body`, where body is an object, `if (...) {...}`, or
 * `[for ...: {...}]`. Nested resources appear as members of the body object.
 */
export interface ResourceDeclaration extends DeclarationBase {
  readonly kind: 'resource';
  readonly name: Identifier;
  /** The type string as written (`'Microsoft.Compute/galleries@2023-07-03'`; `'images@2023-07-03'` for nested ones). */
  readonly typeString: StringLiteral | InterpolatedString;
  readonly existing: boolean;
  readonly body: Expression;
}

/** `module name 'path.bicep' = body` (local path, `br:`/`br/alias:`, `ts:`/`ts/alias:`). */
export interface ModuleDeclaration extends DeclarationBase {
  readonly kind: 'module';
  readonly name: Identifier;
  readonly path: StringLiteral | InterpolatedString;
  readonly body: Expression;
}

/** `output name type = value` or `output name resource 'T@v' = value`. */
export interface OutputDeclaration extends DeclarationBase {
  readonly kind: 'output';
  readonly name: Identifier;
  readonly type: TypeExpression;
  readonly value: Expression;
}

/** `type name = typeExpression` */
export interface TypeDeclaration extends DeclarationBase {
  readonly kind: 'type';
  readonly name: Identifier;
  readonly type: TypeExpression;
}

/** `func name(a string, b int) returnType => body` */
export interface FunctionDeclaration extends DeclarationBase {
  readonly kind: 'func';
  readonly name: Identifier;
  readonly parameters: readonly LambdaParameter[];
  readonly returnType: TypeExpression;
  readonly body: Expression;
}

/**
 * Compile-time imports: `import { a, b as c } from 'file.bicep'`, `import * as ns from 'file.bicep'`;
 * and the legacy provider form `import 'az@1.0.0' [with {...}] [as alias]` (`from` undefined).
 */
export interface ImportDeclaration extends DeclarationBase {
  readonly kind: 'import';
  /** Named items (`{ a, b as c }`), undefined for the wildcard and legacy forms. */
  readonly items: readonly ImportItem[] | undefined;
  /** `* as ns`: the namespace alias. */
  readonly wildcardAlias: Identifier | undefined;
  /** The `from` target; for the legacy form, the provider specification. */
  readonly from: StringLiteral | InterpolatedString | undefined;
  readonly specification: StringLiteral | InterpolatedString | undefined;
  readonly config: Expression | undefined;
  readonly alias: Identifier | undefined;
}

export interface ImportItem extends Node {
  /** The name in the source file (an identifier, or a string for names that are not identifiers). */
  readonly name: Identifier | StringLiteral;
  readonly alias: Identifier | undefined;
}

/** `.bicepparam`: `using 'main.bicep'` or `using none` (`path` undefined). */
export interface UsingDeclaration extends DeclarationBase {
  readonly kind: 'using';
  readonly path: StringLiteral | InterpolatedString | undefined;
}

/** `.bicepparam`: `extends 'base.bicepparam'` */
export interface ExtendsDeclaration extends DeclarationBase {
  readonly kind: 'extends';
  readonly path: StringLiteral | InterpolatedString;
}

/** `metadata name = value` */
export interface MetadataDeclaration extends DeclarationBase {
  readonly kind: 'metadata';
  readonly name: Identifier;
  readonly value: Expression;
}

/** `targetScope = 'subscription'` */
export interface TargetScopeDeclaration extends DeclarationBase {
  readonly kind: 'targetScope';
  readonly value: Expression;
}

/** `extension microsoftGraphV1` or `extension 'br:...' [with {...}] [as alias]`. */
export interface ExtensionDeclaration extends DeclarationBase {
  readonly kind: 'extension';
  readonly specification: Identifier | StringLiteral | InterpolatedString;
  readonly config: Expression | undefined;
  readonly alias: Identifier | undefined;
}

/** `.bicepparam`: `extensionConfig alias with { ... }` */
export interface ExtensionConfigDeclaration extends DeclarationBase {
  readonly kind: 'extensionConfig';
  readonly name: Identifier;
  readonly config: Expression | undefined;
}

/** `assert name = condition` */
export interface AssertDeclaration extends DeclarationBase {
  readonly kind: 'assert';
  readonly name: Identifier;
  readonly value: Expression;
}

/** `test name 'file.bicep' = { params: {...} }` */
export interface TestDeclaration extends DeclarationBase {
  readonly kind: 'test';
  readonly name: Identifier;
  readonly path: StringLiteral | InterpolatedString;
  readonly body: Expression;
}

/** Text the parser skipped after a syntax error (one declaration's worth). */
export interface ErrorDeclaration extends DeclarationBase {
  readonly kind: 'errorDeclaration';
}

// ---------------------------------------------------------------------------------------------------
// File

/** A syntax error with the range it covers (offsets, end exclusive; empty range at the point of failure). */
export interface SyntaxError extends Node {
  readonly message: string;
}

/**
 * A suppression comment: Bicep's `#disable-next-line code1 code2` directive, or
 * `// sigil-disable-next-line SIG303 -- reason`. `line` is the 1-based line the directive is on; it
 * applies to the next line.
 */
export interface Directive extends Node {
  readonly kind: 'bicep' | 'sigil';
  readonly line: number;
  readonly codes: readonly string[];
  /** The text after ` -- ` in a sigil directive; the comment after the codes in a Bicep one. */
  readonly reason: string | undefined;
}

/** A comment: `// ...` to the end of its line (`line`, the line break excluded) or `/* ... *\/` (`block`). */
export interface Comment extends Node {
  readonly kind: 'line' | 'block';
}

export interface Program extends Node {
  readonly declarations: readonly Declaration[];
  readonly errors: readonly SyntaxError[];
  readonly directives: readonly Directive[];
  /** Every comment of the file in text order (tools such as ESLint read their own directives there). */
  readonly comments: readonly Comment[];
}
