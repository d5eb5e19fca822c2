import { describe, expect, it } from 'vitest'
import {
  describeHabits,
  drawDelay,
  parseDelayRange,
  readHabits,
} from '../../emulator/editor/habits'
import { withOverrides } from '../../emulator/editor/options'

const SPACE = 288868932106293
const read = (query: string) => readHabits(new URLSearchParams(query), SPACE)

describe('editor page habits', () => {
  it('reads echoDelay as ms or min-max, and nothing else', () => {
    expect(parseDelayRange('80')).toEqual([80, 80])
    expect(parseDelayRange('80-160')).toEqual([80, 160])
    for (const text of ['', 'abc', '160-80', '-5', '1.5', '80-', '70000'])
      expect(parseDelayRange(text)).toBeUndefined()
  })

  it('draws every delay within the range, both ends included', () => {
    expect(drawDelay([80, 160], () => 0)).toBe(80)
    expect(drawDelay([80, 160], () => 0.9999)).toBe(160)
    expect(drawDelay([80, 160], () => 0.5)).toBe(120)
  })

  it('behaves as the Visual Editor without parameters', () => {
    const { habits, problems } = read('')
    expect(habits).toEqual({
      echoDelay: undefined,
      spaceId: SPACE,
      instantPicker: false,
      sandbox: false,
      content: undefined,
      aiEnabled: true,
      options: {},
    })
    expect(problems).toEqual([])
    expect(describeHabits(habits, SPACE)).toEqual([])
  })

  it('takes every Sandbox habit from sandbox=1, and explicit parameters over it', () => {
    expect(read('sandbox=1').habits).toEqual({
      echoDelay: undefined,
      spaceId: null,
      instantPicker: true,
      sandbox: true,
      content: '',
      aiEnabled: false,
      options: {},
    })
    expect(read('sandbox=1&content=5&picker=dialog&spaceId=7&ai=1').habits).toMatchObject({
      spaceId: 7,
      instantPicker: false,
      content: 5,
      aiEnabled: true,
    })
  })

  it('reads spaceId=null, picker=instant and content=', () => {
    expect(read('spaceId=null&picker=instant&content={"id":1}').habits).toMatchObject({
      spaceId: null,
      instantPicker: true,
      content: { id: 1 },
    })
  })

  it('names each parameter it cannot read, and ignores it', () => {
    const { habits, problems } = read('echoDelay=soon&spaceId=abc&picker=fast&content={&ai=yes')
    expect(habits).toMatchObject({
      echoDelay: undefined,
      spaceId: SPACE,
      instantPicker: false,
      aiEnabled: true,
    })
    expect(problems).toHaveLength(5)
    expect(problems).toContain('ai=yes is neither 0 nor 1')
  })

  it('describes the active habits for the side panel', () => {
    const lines = describeHabits(read('echoDelay=80-160&spaceId=null&ai=0').habits, SPACE)
    expect(lines).toEqual([
      'echoDelay: answers to update and toggleModal arrive after 80–160 ms, maybe reordered',
      'spaceId: the state carries null',
      'ai=0: isAIEnabled is false',
    ])
  })
  it('hosts the field as a multiasset field with multiple=1, limited by maxFiles', () => {
    const { habits, problems } = read('multiple=1&maxFiles=5')
    expect.soft(habits.options).toEqual({ multiple: 'true', maxFiles: '5' })
    expect.soft(problems).toEqual([])
  })

  it('sets multiple to false with multiple=0', () => {
    expect(read('multiple=0').habits.options).toEqual({ multiple: 'false' })
  })

  it.each([
    ['multiple=yes', 'multiple=yes is neither 0 nor 1'],
    ['maxFiles=ten', 'maxFiles=ten is not a positive number'],
    ['maxFiles=0', 'maxFiles=0 is not a positive number'],
    ['maxFiles=-1', 'maxFiles=-1 is not a positive number'],
  ])('names %s as a problem and sets no option', (query, problem) => {
    const { habits, problems } = read(query)
    expect.soft(habits.options).toEqual({})
    expect.soft(problems).toEqual([problem])
  })

  it('lists the options the URL sets among the habits', () => {
    expect(describeHabits(read('multiple=1&maxFiles=5').habits, SPACE)).toEqual([
      'multiple=true: set by the URL over the stored options',
      'maxFiles=5: set by the URL over the stored options',
    ])
  })
})

describe('withOverrides', () => {
  it('replaces the stored values the URL sets and adds the ones the list lacks, in order', () => {
    const stored = [
      { name: 'managementToken', value: 't' },
      { name: 'multiple', value: '' },
    ]
    expect(withOverrides(stored, { multiple: 'true', maxFiles: '5' })).toEqual([
      { name: 'managementToken', value: 't' },
      { name: 'multiple', value: 'true' },
      { name: 'maxFiles', value: '5' },
    ])
  })

  it('keeps the stored options as they are without overrides', () => {
    const stored = [{ name: 'multiple', value: 'false' }]
    expect(withOverrides(stored, {})).toEqual(stored)
  })
})

describe('the setup the page gives the plugin (via)', () => {
  const access = {
    gatewayUrl: 'http://127.0.0.1:8787',
    token: 'local-dev-token',
    oauthToken: 'local-oauth-token',
  }
  const withGateway = (query: string) => readHabits(new URLSearchParams(query), SPACE, access)

  it('gives the gateway, and no token, by default when one runs', () => {
    const { habits } = withGateway('')
    expect(habits.via).toBe('gateway')
    expect(habits.options).toEqual({ gatewayUrl: access.gatewayUrl, managementToken: '' })
    expect(describeHabits(habits, SPACE)).toContain(
      'via=gateway: the plugin calls the upload gateway; no token in its options',
    )
  })

  it('gives the token, and no gateway, with via=token', () => {
    const { habits } = withGateway('via=token')
    expect(habits.via).toBe('token')
    expect(habits.options).toEqual({ gatewayUrl: '', managementToken: access.token })
  })

  it('gives the OAuth token as Bearer <token>, and no gateway, with via=oauth, gateway or not', () => {
    for (const gatewayUrl of [access.gatewayUrl, '']) {
      const { habits, problems } = readHabits(new URLSearchParams('via=oauth'), SPACE, {
        ...access,
        gatewayUrl,
      })
      expect(problems).toEqual([])
      expect(habits.via).toBe('oauth')
      expect(habits.options).toEqual({
        gatewayUrl: '',
        managementToken: 'Bearer local-oauth-token',
      })
      expect(describeHabits(habits, SPACE)).toContain(
        'via=oauth: the plugin holds the OAuth token, as Bearer <token>, in its options',
      )
    }
  })

  it('keeps the stored options, and says why, when no gateway runs', () => {
    const { habits, problems } = readHabits(new URLSearchParams('via=gateway'), SPACE, {
      ...access,
      gatewayUrl: '',
    })
    expect(habits.via).toBeUndefined()
    expect(habits.options).toEqual({})
    expect(problems).toEqual([
      'via=gateway: no upload gateway runs beside this local Storyblok (npm run dev starts one)',
    ])
  })

  it('names a value it cannot read', () => {
    expect(withGateway('via=proxy').problems).toEqual([
      'via=proxy is neither gateway, token nor oauth',
    ])
  })
})
