// Narrowing for values that arrive as `unknown`: API answers, editor messages, stored values,
// sessionStorage. Nothing from outside is cast; it is read through these.

/** A plain JSON object: not `null`, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A string as is; anything else (`null`, a number) as `""`. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/**
 * Whether a JSON-like value nests deeper than `maxDepth` levels, or holds more than `maxNodes`
 * objects and arrays. Walked with an explicit stack: a value nested 20,000 levels deep must be
 * refused, not overflow the call stack while being looked at.
 */
export function isTooDeep(value: unknown, maxDepth = 32, maxNodes = 10_000): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  let nodes = 0
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item
    if (typeof node !== 'object' || node === null) continue
    if (depth > maxDepth || ++nodes > maxNodes) return true
    for (const child of Object.values(node)) stack.push([child, depth + 1])
  }
  return false
}
