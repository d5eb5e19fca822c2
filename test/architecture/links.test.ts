// @vitest-environment node
// What the docs and comments cite is there: every relative Markdown link names a file of the
// repository and, with `#anchor`, one of its headings (GitHub's anchors); every quoted
// citation, `BENCHMARKS.md, "Size"` or `README.md (“Image service”)`, names a heading of that
// file; every `README.md, reading 9` one of its numbered readings. And nothing points outside
// the repository: a clone must hold everything its comments cite.
import { existsSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, filesUnder, read } from './sources'

const TEXT = /\.(ts|vue|js|md|css|html|json)$/
const FILES = [
  ...['src', 'emulator', 'scripts', 'test', 'docs', '.ci', 'gateway'].flatMap((dir) =>
    filesUnder(dir, /./).filter((file) => TEXT.test(file) || file.startsWith('.ci/')),
  ),
  ...['README.md', 'BENCHMARKS.md', 'vite.config.ts', 'eslint.config.js', 'package.json'],
]

/** The lines of a Markdown file outside its fenced code blocks. */
function proseLines(markdown: string): string[] {
  let fenced = false
  return markdown.split('\n').filter((line) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    return !fenced
  })
}

/** A heading's text as GitHub renders it: inline code, links and emphasis reduced to text. */
const renderedText = (heading: string): string =>
  heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()

/**
 * GitHub's anchor for each heading (github-slugger): lower case, every character but letters,
 * digits, `_`, `-` and spaces dropped, spaces as `-`; a repeated anchor gets `-1`, `-2`, ….
 */
export function anchorsOf(markdown: string): { text: string; anchor: string }[] {
  const seen = new Map<string, number>()
  return proseLines(markdown).flatMap((line) => {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1]
    if (heading === undefined) return []
    const text = renderedText(heading)
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    return [{ text, anchor: count === 0 ? base : `${base}-${count}` }]
  })
}

/** The numbered readings of a README ("Readings chosen where the facts are unverified"). */
const readingsOf = (markdown: string): number =>
  proseLines(markdown).filter((line) => /^\d+\. /.test(line)).length

/** A cited file: beside the citing file, else in a folder above it, up to the root. */
function citedFile(from: string, name: string): string | undefined {
  const file = name.endsWith('.md') ? name : `${name}.md`
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = normalize(join(dir, file))
    if (existsSync(join(ROOT, candidate))) return candidate
    if (dir === '.' || dir === '/') return undefined
  }
}

/** Text with comment markers and line breaks folded, so a citation may wrap. */
const folded = (text: string): string =>
  text.replace(/[ \t]*\n[ \t]*(?:\/\/+|\*(?!\/)|#(?!#))?[ \t]*/g, ' ')

function brokenLinks(file: string): string[] {
  if (!file.endsWith('.md')) return []
  const prose = proseLines(read(file)).join('\n')
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].flatMap((match) => {
    const target = match[1] ?? ''
    if (/^[a-z]+:/i.test(target)) return []
    const [path = '', anchor] = target.split('#')
    const linked = path === '' ? file : normalize(join(dirname(file), path))
    if (!existsSync(join(ROOT, linked))) return [`${file}: ${target} (no such file)`]
    if (anchor === undefined || !linked.endsWith('.md')) return []
    const anchors = anchorsOf(read(linked)).map((heading) => heading.anchor)
    return anchors.includes(anchor) ? [] : [`${file}: ${target} (no such heading)`]
  })
}

/** `X.md, "Heading"`, `X.md “Heading”`, `X.md ("Heading")`, `the README's “Heading”`. */
const QUOTED = /\b([\w./-]+\.md|README|BENCHMARKS)(?:'s)?,?\s*\(?\s*[“"]([^”"]{1,100})[”"]/g
/** `README.md, reading 9`, `README.md, readings 3, 5 and 19`. */
const READINGS = /\b([\w./-]+\.md), readings? (\d+(?:(?:, | and )\d+)*)/g

/** In a Markdown file, a section of its own: `see “Noise”`, `as described in “The token”`. */
const SEE = /\b(?:see|described in) [“"]([^”"]{1,100})[”"]/gi

/**
 * Whether `cited` names one of the headings: its text, or its text before a colon or a
 * parenthesis ("Image service" for "Image service: `GET|HEAD …`", "Many assets" for "Many
 * assets (`multiple`)").
 */
const namesHeading = (headings: string[], cited: string): boolean =>
  headings.some(
    (heading) =>
      heading === cited || heading.startsWith(`${cited}:`) || heading.startsWith(`${cited} (`),
  )

const headingsOf = (file: string): string[] => anchorsOf(read(file)).map(({ text }) => text)

function brokenCitations(file: string): string[] {
  const text = folded(read(file))
  const quoted = [...text.matchAll(QUOTED)].flatMap(([, name = '', heading = '']) => {
    const cited = citedFile(file, name)
    if (!cited) return [`${file}: ${name}, “${heading}” (no such file)`]
    return namesHeading(headingsOf(cited), heading)
      ? []
      : [`${file}: ${cited}, “${heading}” (no such heading)`]
  })
  const own = file.endsWith('.md')
    ? [...text.matchAll(SEE)]
        .map(([, heading = '']) => heading)
        .filter((heading) => !namesHeading(headingsOf(file), heading))
        .map((heading) => `${file}: see “${heading}” (no such heading here)`)
    : []
  const readings = [...text.matchAll(READINGS)].flatMap(([, name = '', numbers = '']) => {
    const cited = citedFile(file, name)
    const count = cited ? readingsOf(read(cited)) : 0
    return numbers
      .split(/, | and /)
      .filter((number) => Number(number) > count)
      .map((number) => `${file}: ${name}, reading ${number} (no such reading)`)
  })
  return [...quoted, ...own, ...readings]
}

describe('links and citations', () => {
  it.each(FILES.filter((file) => file.endsWith('.md')).map((file) => [file]))(
    '%s links only to files and headings that exist',
    (file) => {
      expect(brokenLinks(file)).toEqual([])
    },
  )

  // This file's own comments show the forms, with made-up headings.
  const citing = FILES.filter((file) => file !== 'test/architecture/links.test.ts')
  it.each(citing.map((file) => [file]))('%s cites only headings that exist', (file) => {
    expect(brokenCitations(file)).toEqual([])
  })

  it("makes GitHub's anchors from headings", () => {
    const markdown = [
      '# Benchmarks',
      '## Size and speed',
      '```sh',
      '# not a heading',
      '```',
      '### Editor page: `GET /` (plus `/__editor/<module>.js`)',
      '## Size and speed',
      '## Missed targets: why, and what would reach them',
    ].join('\n')
    expect(anchorsOf(markdown).map(({ anchor }) => anchor)).toEqual([
      'benchmarks',
      'size-and-speed',
      'editor-page-get--plus-__editormodulejs',
      'size-and-speed-1',
      'missed-targets-why-and-what-would-reach-them',
    ])
  })

  it('points nowhere outside the repository (a clone holds everything its comments cite)', () => {
    // Built from parts, so that this file does not contain what it looks for.
    const outside = [['..', 'shared', ''].join('/'), ['', 'work', ''].join('/')]
    const hits = FILES.filter((file) => outside.some((path) => read(file).includes(path)))
    expect(hits).toEqual([])
  })
})
