// @vitest-environment node
// Imports point one way (README.md, "Project layout"): between the layers of src/, and
// between the areas of the house. src/ ships and
// imports nothing beside it; the emulator, the scripts and the gateway may take plain facts
// from src/domain, never the plugin's workings. Nothing imports in a circle.
import { describe, expect, it } from 'vitest'
import { AREAS, CODE_FILES, areaOf, importsIn, importsOf, type Import } from './sources'

const inArea = (area: string) => CODE_FILES.filter((file) => areaOf(file) === area)

/** The layer of a file in src/: its first folder, or the file itself for main.ts and App.vue. */
const layerOf = (file: string): string => file.split('/')[1] ?? ''

// What each layer may import besides itself: components → stores/composables → api/plugin →
// domain. i18n turns domain facts and API errors into words.
const LAYERS: Record<string, readonly string[]> = {
  domain: [],
  api: ['domain'],
  plugin: ['domain'],
  i18n: ['domain', 'api'],
  stores: ['domain', 'api', 'plugin'],
  composables: ['domain', 'api', 'plugin', 'stores', 'i18n'],
  components: ['domain', 'stores', 'composables', 'i18n', 'plugin'],
  'App.vue': ['domain', 'stores', 'composables', 'i18n', 'components'],
  // main.ts provides the stores' environment (stores/environment.ts) to the app.
  'main.ts': ['App.vue', 'styles.css', 'stores'],
}

/** What a file of each area outside src/ may import: its own area, and these. */
const AREA_IMPORTS: Record<Exclude<(typeof AREAS)[number], 'src'>, readonly string[]> = {
  emulator: ['src/domain/'],
  // The benchmarks and the dev server run the local Storyblok and the gateway in front of it.
  scripts: ['src/domain/', 'emulator/', 'gateway/'],
  gateway: ['src/domain/'],
}

/**
 * Imports across those rules that stay, each with why. Any other crossing fails.
 * - The bench measures the plugin's own upload pipeline from Node (the burst, the load, and
 *   the curl and bare-XHR references finish through it), so it runs src/api's code; the Node
 *   stand-in for XMLHttpRequest (scripts/support, shared with the tests) implements
 *   src/api/s3.ts's `XhrLike`.
 * - The bench's preview figure seeds the very 20 MB photo the browser test uses, and the
 *   gateway's browser figure drops the PNGs the browser tests drop, and the
 *   load-time figures seed the story's photos the way the browser tests seed theirs.
 */
const CROSSINGS: readonly { from: RegExp; to: RegExp }[] = [
  { from: /^scripts\/(bench|support)\//, to: /^src\/api\// },
  { from: /^scripts\/bench\/preview\.ts$/, to: /^test\/fixtures\/photo\.ts$/ },
  { from: /^scripts\/bench\/gatewayBrowser\.ts$/, to: /^test\/fixtures\/png\.ts$/ },
  { from: /^scripts\/bench\/storyFields\.ts$/, to: /^test\/support\/seed\.ts$/ },
]

function allowedInSrc(file: string, { path, typeOnly }: Import): boolean {
  if (areaOf(path) !== 'src') return false
  const layer = layerOf(file)
  const target = layerOf(path)
  // A component may name the API's types (`Asset`) without touching the client.
  if (typeOnly && layer === 'components' && target === 'api') return true
  return target === layer || (LAYERS[layer]?.includes(target) ?? false)
}

function allowedOutsideSrc(file: string, { path }: Import): boolean {
  const area = areaOf(file) as keyof typeof AREA_IMPORTS
  if (areaOf(path) === area) return true
  if (AREA_IMPORTS[area].some((prefix) => path.startsWith(prefix))) return true
  return CROSSINGS.some((crossing) => crossing.from.test(file) && crossing.to.test(path))
}

describe('the layout of src/', () => {
  it.each(inArea('src').map((file) => [file]))(
    '%s imports only from the layers below it',
    (file) => {
      expect(LAYERS[layerOf(file)], `no rule for the layer of ${file}`).toBeDefined()
      const wrong = importsOf(file).filter((imported) => !allowedInSrc(file, imported))
      expect(wrong.map(({ path }) => path)).toEqual([])
    },
  )
})

describe('the areas of the house', () => {
  const others = AREAS.filter((area) => area !== 'src').flatMap(inArea)

  it.each(others.map((file) => [file]))('%s imports only what its area may', (file) => {
    const wrong = importsOf(file).filter((imported) => !allowedOutsideSrc(file, imported))
    expect(wrong.map(({ path }) => path)).toEqual([])
  })

  it("reads every form of import, with TypeScript's parser", () => {
    const code = [
      "import { a } from './a'",
      "import type { B } from '../b'",
      "import './c.css'",
      "export { d } from './d'",
      "export * from './e'",
      "export type { F } from './f'",
      "const g = await import('./g')",
      "type H = import('./h').H",
      "import { i } from 'a-package'",
      '  import {',
      '    j,',
      "  } from './j'",
    ].join('\n')
    expect(importsIn('src/x/y.ts', code)).toEqual([
      { path: 'src/x/a.ts', typeOnly: false },
      { path: 'src/b.ts', typeOnly: true },
      { path: 'src/x/c.css', typeOnly: false },
      { path: 'src/x/d.ts', typeOnly: false },
      { path: 'src/x/e.ts', typeOnly: false },
      { path: 'src/x/f.ts', typeOnly: true },
      { path: 'src/x/g.ts', typeOnly: false },
      { path: 'src/x/h.ts', typeOnly: true },
      { path: 'src/x/j.ts', typeOnly: false },
    ])
  })
})

describe('the import graph', () => {
  it('has no cycle', () => {
    const graph = new Map(CODE_FILES.map((file) => [file, importsOf(file).map(({ path }) => path)]))
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '))
        return
      }
      state.set(file, 'open')
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file])
      state.set(file, 'done')
    }
    for (const file of CODE_FILES) visit(file, [])
    expect(cycles).toEqual([])
  })
})
