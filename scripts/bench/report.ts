// The benchmark's report: a row of the results table, and how figures are written in it and in
// the lines printed along the way.
import { MiB } from './files.ts'

export interface Row {
  figure: string
  value: string
  reference: string
  ratio: string
  target: string
  result: 'PASS' | 'MISS' | 'INFO'
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
export const mb = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MB`
// 1 KB = 1024 bytes, as `npm run size` counts (scripts/size.ts says why).
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`
export const ms = (value: number): string => `${value.toFixed(0)} ms`
export const seconds = (value: number): string => `${(value / 1000).toFixed(2)} s`
export const rate = (bytes: number, millis: number): string =>
  `${(bytes / MiB / (millis / 1000)).toFixed(0)} MB/s`
export const ratioOf = (value: number, reference: number): string =>
  `${(value / reference).toFixed(2)}x`
export const log = (line: string): void => console.log(`  ${line}`)

/** The results table, aligned for the console, then as Markdown for BENCHMARKS.md. */
export function printTable(rows: Row[]): void {
  const header: Row = {
    figure: 'figure',
    value: 'value',
    reference: 'reference',
    ratio: 'ratio',
    target: 'target',
    result: 'INFO',
  }
  const columns = ['figure', 'value', 'reference', 'ratio', 'target', 'result'] as const
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => row[column].length)),
  )
  const line = (row: Row, result: string): string =>
    columns
      .map((column, index) =>
        (column === 'result' ? result : row[column]).padEnd(widths[index] ?? 0),
      )
      .join('  ')
  console.log(`\n${line(header, 'result')}`)
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows) console.log(line(row, row.result))
  console.log('\nMarkdown:\n')
  console.log(`| ${columns.join(' | ')} |`)
  console.log(`| ${columns.map(() => '---').join(' | ')} |`)
  for (const row of rows)
    console.log(`| ${columns.map((column) => row[column].replaceAll('|', '\\|')).join(' | ')} |`)
}
