// @vitest-environment node
// `npm run deploy` is a contract with whoever deploys: it builds first, and it always deploys
// under one pinned name, so that two runs update one field type instead of making two.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const scripts: unknown = JSON.parse(readFileSync('package.json', 'utf8')).scripts
const deploy =
  typeof scripts === 'object' && scripts !== null && 'deploy' in scripts ? scripts.deploy : ''

describe('npm run deploy', () => {
  it('builds (with the type check) before it uploads', () => {
    expect(deploy).toMatch(/^npm run build && /)
  })

  it('deploys dist/index.js with the field-plugin CLI under the pinned name', () => {
    const command = String(deploy).split(' && ')[1] ?? ''
    expect(command).toMatch(/^npx --yes @storyblok\/field-plugin-cli@\S+ deploy /)
    expect(command.split(' ')).toEqual(
      expect.arrayContaining(['--name', 'asset-uploader', '--output', './dist/index.js']),
    )
  })

  it('names in the README the same field type and the scope flags it passes on', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(readme).toContain('`asset-uploader`')
    expect(readme).toContain('npm run deploy -- --skipPrompts --scope my-plugins')
  })
})
