// @vitest-environment node
// One concept per file (a file past ~250 lines usually holds two), one step per function,
// everywhere outside the tests: src/, emulator/, scripts/, the gateway and the
// configuration at the root. Functions are measured with TypeScript's parser: declarations,
// methods, accessors, function expressions and arrow functions, from their first line to their
// last. A `.vue` file's `<script setup>` is not counted as one function: it is the component's
// module scope, as a `.ts` file's top level is, and the file limit bounds it.
import { describe, expect, it } from 'vitest'
import { CODE_FILES, functionsIn, functionsOf, lineCount, read, type FunctionSize } from './sources'

/** About 250 lines, with the tolerance the first version of this check gave. */
const MAX_FILE_LINES = 260
const MAX_FUNCTION_LINES = 60

/**
 * The functions that are scopes, not steps, and so may be longer: a Pinia setup store's body is
 * the store's module (its state, getters and actions, as a `<script setup>` is a component's),
 * and a factory that returns an object of methods is a class body written as a closure (its
 * private state, then its methods). Their methods are measured one by one like any function,
 * and the file limit bounds the whole. Everything else, composables included, is a step.
 */
const SCOPES: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^src\/stores\/\w+\.ts:defineStore\(…\)$/, why: 'a Pinia setup store' },
  {
    pattern:
      /^(src\/api\/client\.ts:createManagementClient|src\/api\/throttle\.ts:createThrottle|src\/api\/upload\/queue\.ts:createUploadQueue|gateway\/src\/app\.ts:createGateway|gateway\/src\/coordinator\.ts:createMemoryCoordinator|gateway\/src\/fairQueue\.ts:createFairQueue|gateway\/src\/upstream\.ts:createUpstream)$/,
    why: 'a factory returning an object of methods',
  },
]
const isScope = (entry: string): boolean => SCOPES.some(({ pattern }) => pattern.test(entry))
/** A scope still has a bound: the file's. */
const MAX_SCOPE_LINES = MAX_FILE_LINES

const key = ({ file, name }: FunctionSize): string => `${file}:${name}`
const FUNCTIONS = CODE_FILES.flatMap(functionsOf)

describe('the size of the code', () => {
  it('keeps every file under about 250 lines (one concept per file)', () => {
    const long = CODE_FILES.map((file) => `${file}: ${lineCount(read(file))} lines`).filter(
      (entry) => Number(/(\d+) lines$/.exec(entry)?.[1]) > MAX_FILE_LINES,
    )
    expect(long).toEqual([])
  })

  it('keeps every function under about 60 lines (one step per function)', () => {
    const long = FUNCTIONS.filter((fn) => fn.lines > MAX_FUNCTION_LINES && !isScope(key(fn))).map(
      (fn) => `${key(fn)} (line ${fn.line}): ${fn.lines} lines`,
    )
    expect(long).toEqual([])
  })

  it('names only scopes that exist and are long, and keeps them within a file’s bound', () => {
    const scopes = FUNCTIONS.filter((fn) => isScope(key(fn)))
    expect(scopes.filter((fn) => fn.lines > MAX_SCOPE_LINES).map(key)).toEqual([])
    for (const { pattern } of SCOPES)
      expect(
        scopes.some((fn) => pattern.test(key(fn))),
        String(pattern),
      ).toBe(true)
  })

  it('keeps App.vue to the layout', () => {
    expect(lineCount(read('src/App.vue'))).toBeLessThan(80)
  })

  it('measures every kind of function with the parser, by its first and last line', () => {
    const code = [
      'export function declared() {',
      '  const arrow = () =>',
      '    1',
      '  return [1].map((n) => n)',
      '}',
      'class Store {',
      '  constructor() {}',
      '  get size() {',
      '    return 0',
      '  }',
      '  save = async () => {}',
      '}',
      "defineStore('form', () => {",
      '  return {}',
      '})',
      'const plain = { method() {} }',
    ].join('\n')
    const found = functionsIn('src/x.ts', code, 10).map(({ name, lines, line }) => ({
      name,
      lines,
      line,
    }))
    expect(found).toEqual([
      { name: 'declared', lines: 5, line: 11 },
      { name: 'arrow', lines: 2, line: 12 },
      { name: '.map(…)', lines: 1, line: 14 },
      { name: 'Store.constructor', lines: 1, line: 17 },
      { name: 'Store.size', lines: 3, line: 18 },
      { name: 'Store.save', lines: 1, line: 21 },
      { name: 'defineStore(…)', lines: 3, line: 23 },
      { name: 'method', lines: 1, line: 26 },
    ])
  })
})
