/**
 * Nesting depth of parsed JSON. Code that recurses over request bodies (structuredClone, JSON-LD,
 * validation) would overflow the call stack on a few kilobytes of `[[[[…]]]]`; bounding the
 * depth first keeps such input a clear 4xx.
 */

/**
 * Whether `value` nests objects and arrays more than `maxDepth` levels (a top-level object or
 * array is level 1; scalars add none). Walks with an explicit stack, never recursion, so any
 * depth is measured safely; it stops at the first node past the bound.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  const pending: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, depth } = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) pending.push({ node: child, depth: depth + 1 });
  }
  return false;
}
