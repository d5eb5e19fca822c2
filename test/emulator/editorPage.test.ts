// How the editor page's files are served (emulator/editor/page.ts); the page itself runs in
// Chromium in editor.test.ts.
import { describe, expect, it } from 'vitest'
import { OPTION_NAMES } from '../../src/plugin/options'
import { useEmulator } from '../support/emulator'

const local = useEmulator({ resetEachTest: false })
const get = (path: string): Promise<Response> => fetch(`${local.emulator.url}${path}`)

describe('editor page files', () => {
  it('serves each TypeScript module as JavaScript, importing the others as .js', async () => {
    const response = await get('/__editor/main.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const code = await response.text()
    expect(code).toContain('from "./dom.js"')
    expect(code).not.toContain('.ts"')
    // Type-only imports are gone: the browser never asks for the SDK. The plugin's own isRecord
    // is served beside the page's modules.
    const protocol = await (await get('/__editor/protocol.js')).text()
    expect(protocol).not.toContain('@storyblok/field-plugin')
    expect(protocol.match(/^import .*$/gm)).toEqual(['import { isRecord } from "./record.js";'])
    expect(await (await get('/__editor/record.js')).text()).toMatch(/^export {[^}]*\bisRecord\b/m)
  })

  it('answers the same module again from its cache, and 404 for what is no module of the page', async () => {
    const first = await (await get('/__editor/habits.js')).text()
    expect(await (await get('/__editor/habits.js')).text()).toBe(first)
    for (const path of ['/__editor/page.js', '/__editor/missing.js', '/__editor/main.ts'])
      expect((await get(path)).status).toBe(404)
  })

  it('inlines the settings into the page, which loads main.js', async () => {
    const html = await (await get('/')).text()
    expect(html).toContain('<script type="module" src="/__editor/main.js"></script>')
    expect(html).toContain(`"spaceId":${local.emulator.spaceId}`)
  })

  it('serves the story page with the same settings, which loads story.js', async () => {
    const html = await (await get('/story')).text()
    expect.soft(html).toContain('<script type="module" src="/__editor/story.js"></script>')
    expect.soft(html).toContain(`"spaceId":${local.emulator.spaceId}`)
  })

  it('offers the options the manifest declares, which are the ones the plugin reads', async () => {
    const html = await (await get('/')).text()
    const names = /"optionNames":(\[[^\]]*\])/.exec(html)?.[1] ?? '[]'
    expect(JSON.parse(names)).toEqual([...OPTION_NAMES])
  })
})
