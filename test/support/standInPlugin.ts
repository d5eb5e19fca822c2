// A stand-in field plugin for the editor page's tests (test/emulator/editor.test.ts,
// storyPage.test.ts): a page on another origin that runs the real @storyblok/field-plugin SDK
// and keeps what it received, so that what the SDK accepts from the local Storyblok is tested.
import { copyFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

const PLUGIN_HTML = `<!doctype html>
<html lang="en">
<head>
<title>Stand-in plugin</title>
<script type="importmap">{ "imports": { "valibot": "/valibot.js" } }</script>
</head>
<body>
<p>Stand-in field plugin</p>
<script type="module">
import { createFieldPlugin } from '/sdk.js'
const params = new URLSearchParams(location.search)
window.__states = []
// Every message from the editor, raw, with its arrival time.
window.__received = []
addEventListener('message', (event) => window.__received.push({ at: performance.now(), data: event.data }))
window.__loaded = new Promise((resolve) => {
  createFieldPlugin({
    targetOrigin: params.get('protocol') + '//' + params.get('host'),
    enablePortalModal: params.has('portal'),
    onUpdateState(state) {
      if (state.type !== 'loaded') return
      window.__actions = state.actions
      window.__states.push(state.data)
      resolve(state.data)
    },
  })
})
</script>
</body>
</html>`

/** The stand-in plugin and the SDK (plus valibot, its only dependency) as files in `dir`. */
export async function writeStandInPlugin(dir: string): Promise<void> {
  await writeFile(join(dir, 'index.html'), PLUGIN_HTML)
  await copyFile(
    join(root, 'node_modules/@storyblok/field-plugin/dist/index.mjs'),
    join(dir, 'sdk.js'),
  )
  await copyFile(join(root, 'node_modules/valibot/dist/index.js'), join(dir, 'valibot.js'))
}
