import type { Plugin } from 'vite'
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import cssInjectedByJs from 'vite-plugin-css-injected-by-js'
import { localStoryblok, type StartGateway } from './emulator/vite-plugin.ts'
import { fileURLToPath } from 'node:url'
import {
  localGatewayEnv,
  printGatewayTrouble,
  spawnGateway,
} from './scripts/support/gatewayProcess.ts'

// Unit tests in happy-dom; the emulator and integration tests in Node; the browser tests one
// file at a time.
const TEST_PROJECTS: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: 'unit',
      environment: 'happy-dom',
      include: [
        'test/{domain,api,plugin,composables,stores,components,i18n}/**/*.test.ts',
        'test/*.test.ts',
        'test/architecture/**/*.test.ts',
      ],
    },
  },
  {
    extends: true,
    test: {
      name: 'emulator',
      environment: 'node',
      include: ['test/emulator/**/*.test.ts', 'test/integration/**/*.test.ts'],
    },
  },
  {
    // The upload gateway (gateway/): its units, its routes on Node against the local
    // Storyblok, and the same flow inside workerd (Miniflare).
    extends: true,
    test: {
      name: 'gateway',
      environment: 'node',
      include: ['test/gateway/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  },
  {
    extends: true,
    test: {
      name: 'e2e',
      environment: 'node',
      include: ['test/e2e/**/*.test.ts'],
      // One build of the plugin for the whole browser suite, served by each file's harness.
      globalSetup: ['test/e2e/globalSetup.ts'],
      testTimeout: 90_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  },
]

/**
 * V8's explicit compile hint, as the bundle's first line: Chromium (136 and later) then compiles
 * every function while the file streams in, off the main thread, instead of each one on its
 * first call, on the main thread that all the fields of a story page share. Other engines read
 * a comment. It must stay the file's first line, so it is added after the CSS injection.
 * Measured against the same build without it (BENCHMARKS.md, “Load time and stillness”): 5
 * fields holding a photo settle in 0.87x the time, with 18 % less script on the fields' thread;
 * 5 empty ones in 0.96x.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad'
const compileHint: Plugin = {
  name: 'v8-compile-hint',
  enforce: 'post',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk' && chunk.isEntry) chunk.code = `${COMPILE_HINT}\n${chunk.code}`
  },
}

/**
 * The upload gateway of `npm run dev`, in front of the local Storyblok: run as `npm run gateway`
 * runs it, with a ticket secret of this run. What it refuses or fails, and its own problems, are
 * printed in the dev server's terminal.
 */
const devGateway: StartGateway = (storyblok) =>
  spawnGateway(
    fileURLToPath(new URL('.', import.meta.url)),
    localGatewayEnv(storyblok, 'http://localhost:8080,http://127.0.0.1:8080', {
      PORT: process.env['STORYBLOK_GATEWAY_PORT'] || '8787',
    }),
    { onLog: printGatewayTrouble },
  )

// One deployable file, as the official field-plugin template builds it: Storyblok stores
// `dist/index.js` as the field type's body, so there is no code splitting and the CSS is
// injected by the JS.
export default defineConfig(({ command, mode }) => ({
  plugins: [
    // Vue's defaults, static hoisting included; and no transform of any dependency's code.
    vue(),
    cssInjectedByJs(),
    compileHint,
    ...(command === 'serve' && mode !== 'test'
      ? [
          // The recommended setup: the plugin calls the gateway, which holds the token.
          localStoryblok({ gateway: devGateway }),
        ]
      : []),
  ],
  define: {
    // The SDK only accepts messages from Storyblok's own origins. The dev server and the
    // `local-editor` build (used by the browser tests and benchmarks) also accept the local
    // Storyblok's editor page; a production build keeps the SDK's default check.
    __LOCAL_CONTAINER__: JSON.stringify(command === 'serve' || mode === 'local-editor'),
    // Composition API only: drops the Options API from Vue's runtime (about 3 KB gzip).
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: {
    outDir: mode === 'local-editor' ? 'dist-local-editor' : 'dist',
    target: 'es2022',
    // One file, loaded as a classic field type: no preload polyfill needed.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
        assetFileNames: '[name].[ext]',
        codeSplitting: false,
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 8080,
    strictPort: true,
  },
  preview: {
    host: '127.0.0.1',
    port: 8080,
    strictPort: true,
  },
  test: { projects: TEST_PROJECTS },
}))
