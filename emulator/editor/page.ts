// Serves the local Visual Editor: `GET /` (index.html with the emulator's settings inlined), the
// story page `GET /story` (story.html, several fields of one block), and
// its files under `/__editor/`: the page's TypeScript modules (every `<name>.ts` in this folder
// but this one, and the few domain modules they share with the plugin) as `<name>.js`, compiled
// on request by esbuild (which tsx and Vite already bring; TypeScript's own compiler would add
// some 120 MB to the emulator's memory), and the static files. Files are read per request (compiled ones when they changed), so editing them
// needs no restart. Type errors are vue-tsc's business, not this server's.
import { readFile, stat } from 'node:fs/promises'
import { sendText } from '../http.ts'
import { isRecord } from '../../src/domain/record.ts'
import type * as Esbuild from 'esbuild'
import type { Route } from '../router.ts'
import type { EditorSettings } from './settings.ts'

const STATIC: Record<string, string> = {
  'editor.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
}

/** This file runs in Node: it is not one of the page's modules. */
const SERVER_ONLY = new Set(['page'])
const MODULE_URL = /^([a-z][A-Za-z]*)\.js$/

const NO_STORE = { 'Cache-Control': 'no-store' }

const fileUrl = (name: string): URL => new URL(`./${name}`, import.meta.url)

/**
 * The plugin's domain modules the page imports (as `../../src/domain/<name>.ts`), served beside
 * its own as `<name>.js`, so that a fact such as `isRecord` has one home. Each imports nothing.
 */
const DOMAIN_MODULES = new Set(['record'])

const moduleUrl = (name: string): URL =>
  DOMAIN_MODULES.has(name)
    ? new URL(`../../src/domain/${name}.ts`, import.meta.url)
    : fileUrl(`${name}.ts`)

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

// Loaded on the first request for a module: the emulator's API routes start without it.
let esbuild: Promise<typeof Esbuild> | undefined
const compiled = new Map<string, { mtimeMs: number; code: string }>()

/** `<name>.ts` as browser JavaScript (`./x.ts` imports become `./x.js`); undefined when absent. */
async function compileModule(name: string): Promise<string | undefined> {
  const url = moduleUrl(name)
  let mtimeMs: number
  try {
    ;({ mtimeMs } = await stat(url))
  } catch {
    return undefined
  }
  const cached = compiled.get(name)
  if (cached?.mtimeMs === mtimeMs) return cached.code
  esbuild ??= import('esbuild')
  const { transform } = await esbuild
  const { code } = await transform(await readFile(url, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'es2022',
    sourcefile: `${name}.ts`,
    sourcemap: 'inline',
  })
  // The page's modules import each other as `./x.ts`, and the domain's as
  // `../../src/domain/x.ts`; the browser asks for what is served.
  const outputText = code
    .replace(/(from\s*["']\.\/[a-zA-Z]+)\.ts(["'])/g, '$1.js$2')
    .replace(/(from\s*["'])\.\.\/\.\.\/src\/domain\/([a-zA-Z]+)\.ts(["'])/g, '$1./$2.js$3')
  compiled.set(name, { mtimeMs, code: outputText })
  return outputText
}

/** The body and Content-Type of `/__editor/<file>`, or undefined for 404. */
async function editorFile(file: string): Promise<{ body: string; type: string } | undefined> {
  const type = STATIC[file]
  if (type) return { body: await readFile(fileUrl(file), 'utf8'), type }
  const name = MODULE_URL.exec(file)?.[1]
  if (name === undefined || SERVER_ONLY.has(name)) return undefined
  const body = await compileModule(name)
  return body === undefined ? undefined : { body, type: 'text/javascript; charset=utf-8' }
}

/**
 * The option names the field type declares: like the real editor, which takes them from the
 * deployed manifest, the page reads the project's `field-plugin.config.json` (on every page
 * load, so an added option shows without a restart). None when it cannot be read.
 */
async function manifestOptionNames(): Promise<string[]> {
  try {
    const manifest: unknown = JSON.parse(
      await readFile(new URL('../../field-plugin.config.json', import.meta.url), 'utf8'),
    )
    const options =
      isRecord(manifest) && Array.isArray(manifest['options']) ? manifest['options'] : []
    return options.flatMap((option: unknown) =>
      isRecord(option) && typeof option['name'] === 'string' ? [option['name']] : [],
    )
  } catch {
    return []
  }
}

export interface EditorPageSettings extends Omit<EditorSettings, 'optionNames' | 'gatewayUrl'> {
  /** The upload gateway in front of the emulator, if one runs (asked per page load). */
  gatewayUrl: () => string | undefined
}

/** `/` is the editor page (one field, the side panel), `/story` the story page (story.ts). */
const PAGES: Record<string, string> = { '/': 'index.html', '/story': 'story.html' }

export function editorRoutes({ gatewayUrl, ...settings }: EditorPageSettings): Route[] {
  const pages = Object.entries(PAGES).map(([pattern, file]): Route => ({
    methods: ['GET', 'HEAD'],
    pattern,
    area: 'editor',
    handle: async ({ res }) => {
      const html = (await readFile(fileUrl(file), 'utf8')).replace(
        '{{SETTINGS_JSON}}',
        scriptJson({
          ...settings,
          gatewayUrl: gatewayUrl() ?? '',
          optionNames: await manifestOptionNames(),
        }),
      )
      sendText(res, 200, html, 'text/html; charset=utf-8', NO_STORE)
    },
  }))
  return [
    ...pages,
    {
      methods: ['GET', 'HEAD'],
      pattern: '/__editor/:file',
      area: 'editor',
      handle: async ({ res, params }) => {
        const file = await editorFile(params['file'] ?? '')
        if (file) sendText(res, 200, file.body, file.type, NO_STORE)
        else sendText(res, 404, 'Not Found', 'text/plain; charset=utf-8')
      },
    },
  ]
}
