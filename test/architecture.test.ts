// @vitest-environment node
// The checks a reviewer makes of the tree, made every run: imports point one way between the
// layers of src/ (the README's "Project layout"), there is no
// import cycle, files stay small, and nothing points outside the repository.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = process.cwd()

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path, pattern)
    return pattern.test(name) ? [path] : []
  })
}

const SOURCES = filesUnder('src', /\.(ts|vue)$/)

/** The project files a module imports (relative specifiers only), resolved to paths. */
function importsOf(file: string): { path: string; typeOnly: boolean }[] {
  const code = readFileSync(join(ROOT, file), 'utf8')
  return [...code.matchAll(/^import (type )?[^'"]*?from '(\.[^']+)'/gm)].map((match) => {
    const target = normalize(join(dirname(file), match[2] ?? ''))
    const path = /\.(vue|ts|css)$/.test(target) ? target : `${target}.ts`
    return { path, typeOnly: match[1] !== undefined }
  })
}

/** The layer of a file in src/: its first folder, or the file itself for main.ts and App.vue. */
const layerOf = (file: string): string => relative('src', file).split('/')[0] ?? ''

// What each layer may import besides itself: components → stores/composables → api/plugin →
// domain. i18n turns domain facts and API errors into words.
const ALLOWED: Record<string, readonly string[]> = {
  domain: [],
  api: ['domain'],
  plugin: ['domain'],
  i18n: ['domain', 'api'],
  stores: ['domain', 'api', 'plugin'],
  composables: ['domain', 'api', 'plugin', 'stores', 'i18n'],
  components: ['domain', 'stores', 'composables', 'i18n', 'plugin'],
  'App.vue': ['domain', 'stores', 'composables', 'i18n', 'components'],
  'main.ts': ['App.vue', 'styles.css', 'stores'],
}

describe('the layout of src/', () => {
  it.each(SOURCES.map((file) => [file]))('%s imports only from the layers below it', (file) => {
    const layer = layerOf(file)
    const allowed = ALLOWED[layer]
    expect(allowed, `no rule for the layer of ${file}`).toBeDefined()
    const wrong = importsOf(file).filter(({ path, typeOnly }) => {
      const target = layerOf(path)
      // A component may name the API's types (`Asset`) without touching the client.
      if (typeOnly && layer === 'components' && target === 'api') return false
      return target !== layer && !allowed?.includes(target)
    })
    expect(wrong.map(({ path }) => path)).toEqual([])
  })

  it('has no import cycle', () => {
    const graph = new Map(SOURCES.map((file) => [file, importsOf(file).map(({ path }) => path)]))
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
    for (const file of SOURCES) visit(file, [])
    expect(cycles).toEqual([])
  })

  it('keeps every file under about 250 lines (one concept per file)', () => {
    const long = SOURCES.map((file) => ({
      file,
      lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length,
    })).filter(({ lines }) => lines > 260)
    expect(long).toEqual([])
  })

  it('keeps App.vue to the layout', () => {
    expect(readFileSync(join(ROOT, 'src/App.vue'), 'utf8').split('\n').length).toBeLessThan(80)
  })

  it('never imports the emulator into what ships', () => {
    const emulator = SOURCES.filter((file) =>
      /from '[^']*emulator\//.test(readFileSync(join(ROOT, file), 'utf8')),
    )
    expect(emulator).toEqual([])
  })
})

describe('the repository', () => {
  it('points nowhere outside itself (a clone holds everything its comments cite)', () => {
    // Built from parts, so that this file does not contain what it looks for.
    const outside = [['..', 'shared', ''].join('/'), ['', 'work', ''].join('/')]
    const files = ['src', 'emulator', 'gateway', 'test', 'scripts', 'docs'].flatMap((dir) =>
      filesUnder(dir, /\.(ts|vue|js|md|css|html|json)$/),
    )
    const hits = files.filter((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8')
      return outside.some((path) => text.includes(path))
    })
    expect(hits).toEqual([])
  })
})
