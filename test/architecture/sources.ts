// The repository's code as the architecture tests read it: which files there are, what each
// imports, and how long each function is. Parsed with TypeScript's own parser, so that every
// form of import counts (`import`, `import type`, `export … from`, `export * from`, dynamic
// `import()`, side-effect imports), and a `.vue` file by its `<script>` blocks.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import ts from 'typescript'

export const ROOT = process.cwd()

/** The files below `dir` whose names match `pattern`, as paths relative to the root. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(join(ROOT, dir))) return []
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path, pattern)
    return pattern.test(name) ? [path] : []
  })
}

export const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8')

/** The areas of the house whose code is checked; `gateway/` once it exists. */
export const AREAS = ['src', 'emulator', 'scripts', 'gateway'] as const
export type Area = (typeof AREAS)[number]

const CODE = /\.(ts|vue)$/
/** The code outside tests: every area, and the configuration files at the root. */
export const CODE_FILES = [
  ...AREAS.flatMap((area) => filesUnder(area, CODE)),
  ...readdirSync(ROOT).filter((name) => /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts')),
].filter((file) => !file.endsWith('.d.ts'))

export const areaOf = (path: string): string => path.split('/')[0] ?? ''

/** A `.ts` file's code, or the `<script>` blocks of a `.vue` file with the line each starts on. */
export function scriptsOf(file: string): { code: string; line: number }[] {
  const text = read(file)
  if (!file.endsWith('.vue')) return [{ code: text, line: 0 }]
  return [...text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)].map((match) => ({
    code: match[2] ?? '',
    line: text.slice(0, (match.index ?? 0) + (match[1] ?? '').length).split('\n').length - 1,
  }))
}

function parse(file: string, code: string): ts.SourceFile {
  return ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
}

/** What a relative specifier names: the file itself, or with `.ts` or `/index.ts` added. */
function resolve(from: string, specifier: string): string {
  const target = normalize(join(dirname(from), specifier.replace(/\?.*$/, '')))
  if (/\.[a-z]+$/.test(target) && existsSync(join(ROOT, target))) return target
  for (const candidate of [`${target}.ts`, join(target, 'index.ts')])
    if (existsSync(join(ROOT, candidate))) return candidate
  return /\.(ts|vue|css|json)$/.test(target) ? target : `${target}.ts`
}

export interface Import {
  /** The file imported, relative to the root (relative specifiers only). */
  path: string
  /** `import type` / `export type … from` / `import('x').T`: gone after compiling. */
  typeOnly: boolean
}

function specifiersOf(source: ts.SourceFile): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier))
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: node.importClause?.isTypeOnly ?? false,
      })
    else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly })
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      found.push({ specifier: node.arguments[0].text, typeOnly: false })
    else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      found.push({ specifier: node.argument.literal.text, typeOnly: true })
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** The project files `code` (as if it were `file`) imports: relative specifiers, resolved. */
export function importsIn(file: string, code: string): Import[] {
  return specifiersOf(parse(file, code))
    .filter(({ specifier }) => specifier.startsWith('.'))
    .map(({ specifier, typeOnly }) => ({ path: resolve(file, specifier), typeOnly }))
}

const importCache = new Map<string, Import[]>()

/** The project files a module imports, resolved to paths. */
export function importsOf(file: string): Import[] {
  let imports = importCache.get(file)
  if (!imports) {
    imports = scriptsOf(file).flatMap(({ code }) => importsIn(file, code))
    importCache.set(file, imports)
  }
  return imports
}

/** Lines of a file, as an editor numbers them. */
export function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

export interface FunctionSize {
  file: string
  /** Its name, or how it is used (`defineStore(…)`, `.map(…)`) when it has none. */
  name: string
  /** From the line it starts on to the line it ends on, both counted. */
  lines: number
  /** The line it starts on. */
  line: number
}

/** `Class.member` for a member of a named class, else the member's name. */
function memberName(member: ts.Node, name: string): string {
  const owner = member.parent
  return ts.isClassLike(owner) && owner.name ? `${owner.name.text}.${name}` : name
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return memberName(node, 'constructor')
  const own = (node as { name?: ts.Node }).name
  if (own) return memberName(node, own.getText(source))
  const parent = node.parent
  if (ts.isPropertyDeclaration(parent)) return memberName(parent, parent.name.getText(source))
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))
    return parent.name.getText(source)
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression
    const name = ts.isPropertyAccessExpression(callee)
      ? `.${callee.name.text}`
      : callee.getText(source)
    return `${name}(…)`
  }
  return '(anonymous)'
}

/** Every function in `code` (as if it were `file`, from line `offset` on), with its length. */
export function functionsIn(file: string, code: string, offset = 0): FunctionSize[] {
  const source = parse(file, code)
  const found: FunctionSize[] = []
  const lineOf = (position: number): number => source.getLineAndCharacterOfPosition(position).line
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = lineOf(node.getStart(source))
      found.push({
        file,
        name: nameOf(node, source),
        lines: lineOf(node.getEnd()) - start + 1,
        line: start + 1 + offset,
      })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/**
 * Every function, method, accessor and arrow function in a file's code, with its length. A
 * `.vue` file's `<script setup>` is not one: it is the component's module scope, as a `.ts`
 * file's top level is, and the file's own length bounds it.
 */
export function functionsOf(file: string): FunctionSize[] {
  return scriptsOf(file).flatMap(({ code, line }) => functionsIn(file, code, line))
}
