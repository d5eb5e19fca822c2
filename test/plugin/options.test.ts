import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_RATE_LIMIT } from '../../src/domain/limits'
import { OPTION_NAMES, parseOptions } from '../../src/plugin/options'

const SPACE = 288868932106293
/** The options with a token, in a space the editor named (or, with `undefined`, did not). */
const read = (record: Record<string, string>, ...space: [spaceId?: number]) =>
  parseOptions({ managementToken: 't', ...record }, space.length ? space[0] : SPACE)

describe('parseOptions', () => {
  it('reads a complete set of options into typed values', () => {
    const { options, problems } = parseOptions(
      {
        managementToken: ' secret ',
        apiBaseUrl: 'http://localhost:7070/v1/',
        region: 'EU',
        assetFolderId: '42',
        rateLimit: '6',
        accept: 'images, .pdf',
        maxFileSize: '20MB',
        requireAlt: 'true',
        assetToken: 'asset-token',
      },
      SPACE,
    )
    expect(problems).toEqual([])
    expect(options).toMatchObject({
      managementToken: 'secret',
      spaceId: SPACE,
      apiBaseUrl: 'http://localhost:7070/v1',
      region: 'eu',
      assetFolderId: 42,
      rateLimit: 6,
      accept: { anything: false, patterns: ['image/*', '.pdf'] },
      maxFileSize: 20 * 1024 * 1024,
      requireAlt: true,
      assetToken: 'asset-token',
    })
  })

  it('reports every problem at once', () => {
    const { problems } = parseOptions(
      { region: 'mars', rateLimit: 'fast', accept: 'pictures', maxFileSize: 'big' },
      SPACE,
    )
    expect(problems.map((problem) => problem.option)).toEqual([
      'gatewayUrl',
      'region',
      'accept',
      'rateLimit',
      'maxFileSize',
    ])
  })

  it('asks for the gateway (or a token) when the field has neither', () => {
    expect(parseOptions({}, SPACE).problems).toContainEqual({
      option: 'gatewayUrl',
      code: 'no-access',
    })
  })

  it('reads the upload gateway as its API base, and needs no token with it', () => {
    const { options, problems } = parseOptions({ gatewayUrl: 'https://gw.example.com/' }, SPACE)
    expect(problems).toEqual([])
    expect(options.gatewayUrl).toBe('https://gw.example.com/v1')
    expect(options.managementToken).toBeUndefined()
  })

  it.each([
    ['https://gw.example.com/v1', 'https://gw.example.com/v1'],
    ['https://example.com/gateway', 'https://example.com/gateway/v1'],
    ['http://localhost:8787', 'http://localhost:8787/v1'],
  ])('takes the gateway %s as the base %s', (value, base) => {
    expect(parseOptions({ gatewayUrl: value }, SPACE).options.gatewayUrl).toBe(base)
  })

  it('says to remove the token when the gateway is set too, without quoting it', () => {
    const { problems } = parseOptions(
      { gatewayUrl: 'https://gw.example.com', managementToken: 'secret-token' },
      SPACE,
    )
    expect(problems).toEqual([{ option: 'managementToken', code: 'remove-with-gateway' }])
    expect(JSON.stringify(problems)).not.toContain('secret-token')
  })

  it.each([
    ['http://gw.example.com', 'insecure-url'],
    ['https://user:pw@gw.example.com', 'credentials-in-url'],
    ['gw.example.com', 'not-a-url'],
  ])('refuses the gateway %s (%s)', (value, code) => {
    expect(parseOptions({ gatewayUrl: value }, SPACE).problems).toContainEqual(
      expect.objectContaining({ option: 'gatewayUrl', code }),
    )
  })

  it.each([['tok\nen'], ['tok en'], ['Bearer  x y']])(
    'calls a token with a space or line break (%j) a token problem, without quoting it',
    (token) => {
      expect(read({ managementToken: token }).problems).toEqual([
        { option: 'managementToken', code: 'token-format' },
      ])
    },
  )

  it('accepts an OAuth token written as Bearer <token>', () => {
    expect(read({ managementToken: 'Bearer abc.def' }).problems).toEqual([])
  })

  it('takes the editor’s space, and the spaceId option only when the editor sends none', () => {
    expect(read({ spaceId: '1234567' }).options.spaceId).toBe(SPACE)
    expect(read({ spaceId: '1234567' }, undefined).options).toMatchObject({
      spaceId: 1234567,
      region: 'us',
    })
  })

  it('says exactly that the space is unknown when neither the editor nor the option says', () => {
    expect(read({}, undefined).problems).toEqual([{ option: 'spaceId', code: 'no-space' }])
  })

  it('refuses a spaceId that is not an id', () => {
    expect(read({ spaceId: '../1' }, undefined).problems).toEqual([
      { option: 'spaceId', code: 'not-a-positive-integer', value: '../1' },
    ])
  })

  it.each([
    [288868932106293, 'eu'],
    [1_234_567, 'us'],
    [2_345_678, 'ca'],
    [3_456_789, 'ap'],
  ])('derives the region of space %s (%s)', (spaceId, region) => {
    expect(read({}, spaceId).options.region).toBe(region)
  })

  it('lets region override the space id (EU and CN share a range)', () => {
    expect(read({ region: 'cn' }, 123456).options.region).toBe('cn')
  })

  it('says when no region matches the space and nothing overrides it', () => {
    expect(read({}, 99_999_999_999).problems).toContainEqual(
      expect.objectContaining({ option: 'region', code: 'no-region' }),
    )
    expect(read({ apiBaseUrl: 'https://proxy.example.com' }, 99_999_999_999).problems).toEqual([])
  })

  it('defaults the rate limit to the Starter plan’s 3 requests per second', () => {
    expect(read({}).options.rateLimit).toBe(3)
  })

  it.each([['100000'], [String(MAX_RATE_LIMIT + 1)]])(
    'refuses a rate limit of %s, which no plan has',
    (value) => {
      const { options, problems } = read({ rateLimit: value })
      expect(problems).toEqual([
        { option: 'rateLimit', code: 'too-high', value: String(MAX_RATE_LIMIT) },
      ])
      expect(options.rateLimit).toBe(MAX_RATE_LIMIT)
    },
  )

  it.each([['2.5'], ['0'], ['three']])('refuses the rate limit %s', (value) => {
    expect(read({ rateLimit: value }).problems).toEqual([
      { option: 'rateLimit', code: 'not-a-positive-integer', value },
    ])
  })

  it('normalises an API base and appends /v1 to one without a path', () => {
    expect(read({ apiBaseUrl: 'https://proxy.example.com' }).options.apiBaseUrl).toBe(
      'https://proxy.example.com/v1',
    )
    expect(read({ apiBaseUrl: 'https://proxy.example.com/storyblok/v1/' }).options.apiBaseUrl).toBe(
      'https://proxy.example.com/storyblok/v1',
    )
  })

  it('refuses a plain-http API base that is not localhost', () => {
    expect(read({ apiBaseUrl: 'http://mapi.example.com/v1' }).problems).toContainEqual({
      option: 'apiBaseUrl',
      code: 'insecure-url',
      value: 'http://mapi.example.com/v1',
    })
  })

  it('refuses an API base that is not a URL', () => {
    expect(read({ apiBaseUrl: 'javascript:alert(1)' }).problems).toContainEqual(
      expect.objectContaining({ option: 'apiBaseUrl', code: 'not-a-url' }),
    )
  })

  it('refuses an API base with credentials without quoting the password', () => {
    const { problems, options } = read({ apiBaseUrl: 'https://me:s3cret@proxy.example.com/v1' })
    expect(problems).toEqual([
      { option: 'apiBaseUrl', code: 'credentials-in-url', value: 'https://proxy.example.com/v1' },
    ])
    expect(JSON.stringify(problems)).not.toContain('s3cret')
    expect(options.apiBaseUrl).toBeUndefined()
  })

  it('names an unknown region', () => {
    expect(read({ region: 'mars' }).problems).toContainEqual({
      option: 'region',
      code: 'unknown-region',
      value: 'mars',
    })
  })

  it.each([['abc'], ['0'], ['-3'], ['1.5']])('refuses the folder id %s', (value) => {
    expect(read({ assetFolderId: value }).problems).toContainEqual({
      option: 'assetFolderId',
      code: 'not-a-positive-integer',
      value,
    })
  })

  it('names the part of accept that is not a file type', () => {
    expect(read({ accept: 'images, pictures' }).problems).toEqual([
      { option: 'accept', code: 'not-a-type', value: 'pictures' },
    ])
  })

  it('refuses an accept of nothing but commas, which would refuse every file', () => {
    expect(read({ accept: ',,,' }).problems).toEqual([{ option: 'accept', code: 'no-types' }])
  })

  it('refuses a maxFileSize that is not a size', () => {
    expect(read({ maxFileSize: '20 XB' }).problems).toEqual([
      { option: 'maxFileSize', code: 'not-a-size', value: '20 XB' },
    ])
  })

  it('refuses a requireAlt that is not a boolean', () => {
    expect(read({ requireAlt: 'maybe' }).problems).toContainEqual({
      option: 'requireAlt',
      code: 'not-a-boolean',
      value: 'maybe',
    })
  })

  it('removes a photo’s location by default; keepLocation keeps it; anything else is refused', () => {
    expect(read({}).options.keepLocation).toBe(false)
    expect(read({ keepLocation: 'true' }).options.keepLocation).toBe(true)
    const { options, problems } = read({ keepLocation: 'sometimes' })
    expect([options.keepLocation, problems]).toEqual([
      false,
      [{ option: 'keepLocation', code: 'not-a-boolean', value: 'sometimes' }],
    ])
  })

  it('defaults to one asset without a limit', () => {
    expect(read({}).options).toMatchObject({ multiple: false, maxFiles: undefined })
  })

  it('reads multiple as a boolean and maxFiles as a count', () => {
    const { options, problems } = read({ multiple: 'yes', maxFiles: '12' })
    expect.soft(options.multiple).toEqual(true)
    expect.soft(options.maxFiles).toEqual(12)
    expect.soft(problems).toEqual([])
  })

  it('refuses a multiple that is not a boolean, and keeps one asset', () => {
    const { options, problems } = read({ multiple: 'many' })
    expect.soft(options.multiple).toEqual(false)
    expect.soft(problems).toEqual([{ option: 'multiple', code: 'not-a-boolean', value: 'many' }])
  })

  it.each([['0'], ['-2'], ['2.5'], ['x']])('refuses maxFiles %s and sets no limit', (value) => {
    const { options, problems } = read({ maxFiles: value })
    expect.soft(options.maxFiles).toEqual(undefined)
    expect.soft(problems).toEqual([{ option: 'maxFiles', code: 'not-a-positive-integer', value }])
  })
})

describe('the option names', () => {
  // The tests run from the project's root.
  const file = (name: string) => readFileSync(join(process.cwd(), name), 'utf8')

  it('are the ones field-plugin.config.json declares, in the same order', () => {
    const config: unknown = JSON.parse(file('field-plugin.config.json'))
    const names =
      typeof config === 'object' &&
      config !== null &&
      'options' in config &&
      Array.isArray(config.options)
        ? config.options.map((option: unknown) =>
            typeof option === 'object' && option !== null && 'name' in option ? option.name : null,
          )
        : []
    expect(names).toEqual([...OPTION_NAMES])
  })

  it('are the rows of the README’s options table, in the same order', () => {
    const readme = file('README.md')
    const table = readme.slice(readme.indexOf('## Plugin options'), readme.indexOf('## The token'))
    const rows = [...table.matchAll(/^\| `(\w+)`/gm)].map((match) => match[1])
    expect(rows).toEqual([...OPTION_NAMES])
  })
})
