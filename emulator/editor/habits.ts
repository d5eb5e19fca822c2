// The habits of real containers that the page can imitate, each chosen with a URL parameter
// (emulator/README.md, "Editor page"). A plugin that works here with all of them on works in
// the Visual Editor and in the official Sandbox; see "Containers in the wild" in
// docs/reference/field-plugin.md.

/** Inclusive bounds in ms. */
export type DelayRange = readonly [min: number, max: number]

export interface Habits {
  /** Answers to `update` and `toggleModal` go out after a delay drawn from this range. */
  echoDelay: DelayRange | undefined
  /** The `spaceId` in the state. */
  spaceId: number | null
  /** `showAssetModal` is answered at once with the Sandbox's asset (id 0), without a dialog. */
  instantPicker: boolean
  /** Everything else the official Sandbox does differently (see `SANDBOX_HABITS`). */
  sandbox: boolean
  /** The initial value: `content=` as JSON, else `""` in the Sandbox and undefined otherwise. */
  content: unknown
  /** `isAIEnabled` in the state: `ai=1`/`ai=0`; on in the Visual Editor, off in the Sandbox. */
  aiEnabled: boolean
  /**
   * How the plugin reaches the API when an upload gateway runs in front of the emulator: through
   * it (the recommended setup, the default) or with the token in its options; `undefined` when
   * none runs (the token). `oauth`, with or without a gateway: the OAuth token, as
   * `Bearer <token>`, in its options.
   */
  via: 'gateway' | 'token' | 'oauth' | undefined
  /**
   * Options the URL sets over the stored ones: `multiple=1` hosts the field as a multiasset
   * field (option `multiple`), `maxFiles=<n>` limits it; `via` sets `gatewayUrl` and
   * `managementToken` (exactly one of them).
   */
  options: Record<string, string>
}

/** What the page can give the plugin to reach the API. */
export interface Access {
  /** The upload gateway's URL; `''` when none runs. */
  gatewayUrl: string
  /** The personal access token, as the option holds it (bare). */
  token: string
  /** The OAuth token, bare: the option holds it as `Bearer <oauthToken>`. */
  oauthToken: string
}

/** What `sandbox=1` adds beyond the parameters it implies; shown in the side panel. */
export const SANDBOX_HABITS = [
  'getContext answered without callbackId (never resolves)',
  'promptAI never answered; the user context has no permissions',
  'a second state-changed right after loaded',
  'state without userId, token, storyId, blockId or story content; field_type "preview", not translatable',
  'iframe src without the plugin URL’s own query, with preview=1',
]

const MAX_DELAY_MS = 60_000

/** `ms` or `min-max` (whole milliseconds, at most a minute); undefined when it is neither. */
export function parseDelayRange(text: string): DelayRange | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim())
  if (!match) return undefined
  const min = Number(match[1])
  const max = match[2] === undefined ? min : Number(match[2])
  return min <= max && max <= MAX_DELAY_MS ? [min, max] : undefined
}

/** A fixed delay as a range of one value. */
export function delayRange(delay: number | DelayRange): DelayRange {
  return typeof delay === 'number' ? [delay, delay] : delay
}

/** A delay in [min, max], drawn anew for each message. */
export function drawDelay([min, max]: DelayRange, random: () => number = Math.random): number {
  return min + Math.round(random() * (max - min))
}

/**
 * The habits that `query` asks for, and a sentence for each parameter it could not read (those
 * are ignored). Explicit parameters win over what `sandbox=1` implies.
 */
export function readHabits(
  query: URLSearchParams,
  defaultSpaceId: number,
  access: Access = { gatewayUrl: '', token: '', oauthToken: '' },
): { habits: Habits; problems: string[] } {
  const problems: string[] = []
  const sandbox = query.get('sandbox') === '1'

  const delayText = query.get('echoDelay')
  const echoDelay = delayText === null ? undefined : parseDelayRange(delayText)
  if (delayText !== null && !echoDelay)
    problems.push(`echoDelay=${delayText} is not <ms> or <min>-<max> (up to ${MAX_DELAY_MS})`)

  let spaceId: number | null = sandbox ? null : defaultSpaceId
  const spaceText = query.get('spaceId')
  if (spaceText === 'null') spaceId = null
  else if (spaceText !== null && /^\d{1,15}$/.test(spaceText)) spaceId = Number(spaceText)
  else if (spaceText !== null) problems.push(`spaceId=${spaceText} is neither null nor a number`)

  const picker = query.get('picker')
  if (picker !== null && picker !== 'instant' && picker !== 'dialog')
    problems.push(`picker=${picker} is neither instant nor dialog`)
  const instantPicker = picker === 'instant' || (sandbox && picker !== 'dialog')

  let content: unknown = sandbox ? '' : undefined
  const contentText = query.get('content')
  if (contentText !== null) {
    try {
      content = JSON.parse(contentText)
    } catch {
      problems.push('content= is not valid JSON')
    }
  }

  const ai = query.get('ai')
  if (ai !== null && ai !== '0' && ai !== '1') problems.push(`ai=${ai} is neither 0 nor 1`)
  const aiEnabled = ai === '1' || (ai !== '0' && !sandbox)

  const options: Record<string, string> = {}
  const multiple = query.get('multiple')
  if (multiple === '1' || multiple === '0')
    options['multiple'] = multiple === '1' ? 'true' : 'false'
  else if (multiple !== null) problems.push(`multiple=${multiple} is neither 0 nor 1`)
  const maxFiles = query.get('maxFiles')
  if (maxFiles !== null && /^[1-9]\d{0,5}$/.test(maxFiles)) options['maxFiles'] = maxFiles
  else if (maxFiles !== null) problems.push(`maxFiles=${maxFiles} is not a positive number`)

  const via = readVia(query.get('via'), access, problems)
  if (via === 'gateway')
    Object.assign(options, { gatewayUrl: access.gatewayUrl, managementToken: '' })
  else if (via === 'token')
    Object.assign(options, { gatewayUrl: '', managementToken: access.token })
  else if (via === 'oauth')
    Object.assign(options, { gatewayUrl: '', managementToken: `Bearer ${access.oauthToken}` })

  return {
    habits: { echoDelay, spaceId, instantPicker, sandbox, content, aiEnabled, via, options },
    problems,
  }
}

/** `via=gateway|token|oauth`; the gateway by default when one runs. */
function readVia(text: string | null, access: Access, problems: string[]): Habits['via'] {
  if (text === 'oauth') return 'oauth'
  if (text !== null && text !== 'gateway' && text !== 'token')
    problems.push(`via=${text} is neither gateway, token nor oauth`)
  if (!access.gatewayUrl) {
    if (text === 'gateway')
      problems.push(
        'via=gateway: no upload gateway runs beside this local Storyblok (npm run dev starts one)',
      )
    return undefined
  }
  return text === 'token' ? 'token' : 'gateway'
}

/** One line for each habit that differs from the Visual Editor's, for the side panel. */
export function describeHabits(habits: Habits, defaultSpaceId: number): string[] {
  const lines: string[] = []
  if (habits.sandbox) lines.push('sandbox=1: imitating the official field-plugin Sandbox')
  const delay = habits.echoDelay
  if (delay) {
    const range = delay[0] === delay[1] ? `${delay[0]} ms` : `${delay[0]}–${delay[1]} ms`
    lines.push(
      `echoDelay: answers to update and toggleModal arrive after ${range}, maybe reordered`,
    )
  }
  if (habits.spaceId !== defaultSpaceId) lines.push(`spaceId: the state carries ${habits.spaceId}`)
  if (habits.instantPicker) lines.push('picker=instant: selectAsset() gets asset id 0 at once')
  if (habits.aiEnabled === habits.sandbox)
    lines.push(`ai=${habits.aiEnabled ? 1 : 0}: isAIEnabled is ${habits.aiEnabled}`)
  if (habits.via === 'gateway')
    lines.push('via=gateway: the plugin calls the upload gateway; no token in its options')
  if (habits.via === 'token')
    lines.push('via=token: the plugin holds the Management API token in its options')
  if (habits.via === 'oauth')
    lines.push('via=oauth: the plugin holds the OAuth token, as Bearer <token>, in its options')
  for (const [name, value] of Object.entries(habits.options)) {
    if (name === 'gatewayUrl' || name === 'managementToken') continue
    lines.push(`${name}=${value}: set by the URL over the stored options`)
  }
  if (habits.sandbox) lines.push(...SANDBOX_HABITS)
  return lines
}
