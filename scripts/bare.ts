// The reference build: a bare field plugin of Vue and `@storyblok/field-plugin`, the official
// template's counter, built the way vite.config.ts builds the plugin (one ES2022 file, CSS
// injected by the JS). `npm run size` compares bundle sizes with it, `npm run bench` load times.
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'
import cssInjectedByJs from 'vite-plugin-css-injected-by-js'

export const projectRoot = fileURLToPath(new URL('..', import.meta.url))

export interface BareBuildOptions {
  /** Where the sources and `dist/` go; emptied first. */
  dir: string
  /**
   * Also accept the local Storyblok's editor page (the SDK's `targetOrigin`, from the URL
   * parameters, as src/plugin/fieldPlugin.ts does for the `local-editor` build). Without it the
   * SDK only talks to Storyblok's own origins, and the counter never renders locally.
   * @default false
   */
  localEditor?: boolean
}

export interface BareBuild {
  /** The folder to serve: `index.html` and `index.js`. */
  distDir: string
  /** `<distDir>/index.js` */
  entry: string
}

// The official template's counter, with the template's `validateContent`.
const appVue = (localEditor: boolean): string => `<script setup lang="ts">
import { useFieldPlugin } from '@storyblok/field-plugin/vue3'
${
  localEditor
    ? `import { pluginUrlParamsFromUrl } from '@storyblok/field-plugin'
const params = pluginUrlParamsFromUrl(window.location.search)
const targetOrigin = params ? \`\${params.secure ? 'https' : 'http'}://\${params.host}\` : undefined
const plugin = useFieldPlugin({ targetOrigin, validateContent: (content) => ({ content: typeof content === 'number' ? content : 0 }) })`
    : `const plugin = useFieldPlugin({ validateContent: (content) => ({ content: typeof content === 'number' ? content : 0 }) })`
}
</script>
<template>
  <div v-if="plugin.type === 'loaded'">
    <span>{{ plugin.data.content }}</span>
    <button @click="plugin.actions.setContent((plugin.data.content as number) + 1)">Increment</button>
  </div>
</template>
<style>button { color: teal }</style>
`

/** Writes the counter's sources into `dir` and builds them into `dir/dist`. */
export async function buildBareFieldPlugin({
  dir,
  localEditor = false,
}: BareBuildOptions): Promise<BareBuild> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><body><div id="app"></div><script type="module" src="./main.ts"></script></body></html>',
  )
  await writeFile(
    join(dir, 'main.ts'),
    `import { createApp } from 'vue'
import App from './App.vue'
createApp(App).mount('#app')
`,
  )
  await writeFile(join(dir, 'App.vue'), appVue(localEditor))
  const distDir = join(dir, 'dist')
  await build({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { vue: join(projectRoot, 'node_modules/vue') } },
    plugins: [vue(), cssInjectedByJs()],
    build: {
      outDir: distDir,
      target: 'es2022',
      rollupOptions: { output: { entryFileNames: '[name].js', codeSplitting: false } },
    },
  })
  return { distDir, entry: join(distDir, 'index.js') }
}
