import { describe, expect, it } from 'vitest'
import {
  describeHabits,
  drawDelay,
  parseDelayRange,
  readHabits,
} from '../../emulator/editor/habits'

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
})
