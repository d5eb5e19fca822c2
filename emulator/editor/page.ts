// Serves the local Visual Editor: `GET /` (index.html with the emulator's settings inlined)
// and its static files under `/__editor/`. Files are read per request, so editing them needs
// no restart.
import { readFile } from 'node:fs/promises'
import { sendText } from '../http.ts'
import type { Route } from '../router.ts'

/** What the page needs to know about this emulator (inlined as JSON into index.html). */
export interface EditorSettings {
  spaceId: number
  token: string
  assetToken: string
  previewToken: string
  pluginUrl: string
  apiBaseUrl: string
}

const FILES: Record<string, string> = {
  'editor.js': 'text/javascript; charset=utf-8',
  'editor.css': 'text/css; charset=utf-8',
}

const read = (name: string): Promise<string> =>
  readFile(new URL(`./${name}`, import.meta.url), 'utf8')

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

export function editorRoutes(settings: EditorSettings): Route[] {
  return [
    {
      methods: ['GET', 'HEAD'],
      pattern: '/',
      area: 'editor',
      handle: async ({ res }) => {
        const html = (await read('index.html')).replace('{{SETTINGS_JSON}}', scriptJson(settings))
        sendText(res, 200, html, 'text/html; charset=utf-8', { 'Cache-Control': 'no-store' })
      },
    },
    {
      methods: ['GET', 'HEAD'],
      pattern: '/__editor/:file',
      area: 'editor',
      handle: async ({ res, params }) => {
        const name = params['file'] ?? ''
        const type = FILES[name]
        if (!type) {
          sendText(res, 404, 'Not Found', 'text/plain; charset=utf-8')
          return
        }
        sendText(res, 200, await read(name), type, { 'Cache-Control': 'no-store' })
      },
    },
  ]
}
