// @vitest-environment node
// The gateway's layout rules (README, "Project layout"): it imports nothing from src/ but the
// domain layer (plain rules, no Vue, no I/O), its files stay small, and only the Workers entry
// writes to the console (Workers Logs read it).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return filesUnder(path)
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

const FILES = filesUnder('gateway')

describe('gateway/', () => {
  it.each(FILES.map((file) => [file]))('%s imports from src/ only src/domain', (file) => {
    const code = readFileSync(file, 'utf8')
    const outside = [...code.matchAll(/from '(\.[^']+)'/g)]
      .map((match) => relative('.', normalize(join(dirname(file), match[1] ?? ''))))
      .filter((path) => path.startsWith('src/') && !path.startsWith('src/domain/'))
    expect(outside).toEqual([])
  })

  it('keeps every file under about 250 lines', () => {
    const long = FILES.filter((file) => readFileSync(file, 'utf8').split('\n').length > 260)
    expect(long).toEqual([])
  })

  it('writes to the console only from the Workers entry', () => {
    const logging = FILES.filter((file) => /console\.\w+\(/.test(readFileSync(file, 'utf8')))
    expect(logging).toEqual(['gateway/worker.ts'])
  })
})
