import { ExpressionSyntaxError, LimitError, isExpression, parseExpression, type JsonPath, type ResourceGraph, type Value } from '@sigil/core';

/** A path built from its parent only when it is needed (an error was found). */
interface PathNode {
  readonly parent: PathNode | undefined;
  readonly key: string | number;
}

function materialize(node: PathNode | undefined): JsonPath {
  const out: (string | number)[] = [];
  for (let n = node; n; n = n.parent) out.push(n.key);
  return out.reverse();
}

/**
 * Parses every template expression of a document, so that a syntax error is reported with its place
 * whether or not evaluation ever reaches it (sigil evaluates lazily: only what rules read). Parses are
 * cached by text, and paths are built only for errors, so a clean file costs one walk.
 */
export function checkExpressionSyntax(file: string, root: Value, graph: ResourceGraph): void {
  const stack: { value: Value; path: PathNode | undefined }[] = [{ value: root, path: undefined }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: Value; path: PathNode | undefined };
    if (typeof value === 'string') {
      if (!isExpression(value)) continue;
      try {
        parseExpression(value.slice(1, -1));
      } catch (e) {
        if (e instanceof ExpressionSyntaxError) {
          graph.diagnose({ severity: 'error', file, ref: { file, path: materialize(path) }, message: `invalid template expression: ${e.message}` });
        } else if (!(e instanceof LimitError)) {
          throw e;
        }
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i] as Value, path: { parent: path, key: i } });
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) stack.push({ value: (value as Record<string, Value>)[key] as Value, path: { parent: path, key } });
    }
  }
}
