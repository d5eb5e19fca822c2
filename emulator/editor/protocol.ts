// The field-plugin editor protocol: the messages a container (Storyblok's Visual Editor, the
// official Sandbox, this emulator's editor page, the unit tests' fake container) and a field
// plugin exchange with postMessage. One definition for the editor page and
// test/support/container.ts; the facts are in docs/reference/field-plugin.md and in the guards
// of @storyblok/field-plugin 1.7.1. Neither DOM nor Node here: it runs in both.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// ---- Plugin → container -------------------------------------------------------------------

export interface ModalSize {
  width?: string
  height?: string
}

interface FromPlugin {
  uid: string
  callbackId?: string
}

export type PluginMessage =
  | (FromPlugin & { event: 'loaded'; enablePortalModal?: boolean })
  | (FromPlugin & { event: 'update'; model: unknown })
  | (FromPlugin & { event: 'toggleModal'; status: boolean; modalSize?: ModalSize })
  | (FromPlugin & { event: 'heightChange'; height: number })
  | (FromPlugin & { event: 'showAssetModal'; field?: string })
  | (FromPlugin & { event: 'getContext' })
  | (FromPlugin & { event: 'getUserContext' })
  | (FromPlugin & { event: 'promptAI'; promptAIPayload: unknown })
  | (FromPlugin & { event: 'previewDimension'; data: unknown })

export type PluginEvent = PluginMessage['event']

/** A width or height as the SDK sends it: a CSS length string (numbers are taken as strings). */
function cssSize(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined
}

function modalSize(value: unknown): ModalSize | undefined {
  if (!isRecord(value)) return undefined
  const width = cssSize(value['width'])
  const height = cssSize(value['height'])
  return { ...(width === undefined ? {} : { width }), ...(height === undefined ? {} : { height }) }
}

/**
 * The plugin's message in `data`, or undefined when it is none: every message is an
 * `action: 'plugin-changed'` (`'prompt-ai'` for promptAI) with a string `uid` and `event`, and
 * the fields its event needs. A `callbackId` that is not a string counts as absent.
 */
export function parsePluginMessage(data: unknown): PluginMessage | undefined {
  if (!isRecord(data)) return undefined
  const { action, uid, event } = data
  if (typeof uid !== 'string' || typeof event !== 'string') return undefined
  if (action !== (event === 'promptAI' ? 'prompt-ai' : 'plugin-changed')) return undefined
  const base: FromPlugin =
    typeof data['callbackId'] === 'string' ? { uid, callbackId: data['callbackId'] } : { uid }
  switch (event) {
    case 'loaded': {
      const portal = data['enablePortalModal']
      return {
        ...base,
        event,
        ...(typeof portal === 'boolean' ? { enablePortalModal: portal } : {}),
      }
    }
    case 'update':
      return 'model' in data ? { ...base, event, model: data['model'] } : undefined
    case 'toggleModal': {
      const { status } = data
      if (typeof status !== 'boolean') return undefined
      const size = modalSize(data['modalSize'])
      return { ...base, event, status, ...(size ? { modalSize: size } : {}) }
    }
    case 'heightChange': {
      const { height } = data
      return typeof height === 'number' && Number.isFinite(height)
        ? { ...base, event, height }
        : undefined
    }
    case 'showAssetModal': {
      const { field } = data
      return { ...base, event, ...(typeof field === 'string' ? { field } : {}) }
    }
    case 'getContext':
    case 'getUserContext':
      return { ...base, event }
    case 'promptAI':
      return { ...base, event, promptAIPayload: data['promptAIPayload'] }
    case 'previewDimension':
      return { ...base, event, data: data['data'] }
    default:
      return undefined
  }
}

// ---- Container → plugin -------------------------------------------------------------------

export interface FieldOption {
  name: string
  value: string
}

export type Story = { content: Record<string, unknown> } & Record<string, unknown>

/** The state part of `loaded` / `state-changed` (the messages' names, not the SDK's `data`). */
export interface EditorState {
  /** `''` for the default language. */
  language: string
  interfaceLanguage: string
  spaceId: number | null
  /** The key must exist (defect 5): a number or undefined. */
  userId: number | undefined
  story: Story
  storyId: number | undefined
  blockId: string | undefined
  /** The space's preview token (not a Management API token). */
  token: string | null
  schema: { field_type: string; options: FieldOption[]; translatable: boolean }
  /** The field's value. */
  model: unknown
  isAIEnabled: boolean
  isModalOpen: boolean
  releases: unknown[]
  releaseId: number | undefined
}

/**
 * A complete state from the fields a container fills in. The defaults are the least a container
 * sends, which is what the official Sandbox sends: no space, user, story id, block or token.
 */
export function editorState(
  fields: Partial<EditorState> & Pick<EditorState, 'model' | 'schema'>,
): EditorState {
  return {
    language: '',
    interfaceLanguage: 'en',
    spaceId: null,
    userId: undefined,
    story: { content: {} },
    storyId: undefined,
    blockId: undefined,
    token: null,
    isAIEnabled: false,
    isModalOpen: false,
    releases: [],
    releaseId: undefined,
    ...fields,
  }
}

/** Options as the schema lists them, from a name → value record. */
export function schemaOptions(record: Record<string, string>): FieldOption[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }))
}

export interface StateMessage extends EditorState {
  action: 'loaded' | 'state-changed'
  uid: string
  callbackId?: string
}

/** The answer to `loaded`, or a `state-changed` (with the callbackId of what it answers). */
export function stateMessage(
  action: StateMessage['action'],
  uid: string,
  state: EditorState,
  callbackId?: string,
): StateMessage {
  return { action, uid, ...(callbackId === undefined ? {} : { callbackId }), ...state }
}

/** What `selectAsset()` resolves with: the native asset field's shape. */
export type Asset = {
  id: number
  fieldtype: 'asset'
  filename: string
  name: string
  alt: string
  title: string
  copyright: string
  focus: string
  source?: string
  meta_data?: Record<string, unknown>
  is_external_url?: boolean
  is_private?: boolean
}

interface Reply {
  uid: string
  callbackId: string | undefined
}

export interface AssetSelectedMessage extends Reply {
  action: 'asset-selected'
  field?: string
  filename: string
  asset: Asset | Record<string, unknown>
}

export function assetSelectedMessage(
  reply: Reply,
  asset: Asset | Record<string, unknown>,
  field?: string,
): AssetSelectedMessage {
  const filename = typeof asset['filename'] === 'string' ? asset['filename'] : ''
  return {
    action: 'asset-selected',
    ...reply,
    ...(field === undefined ? {} : { field }),
    filename,
    asset,
  }
}

export interface ContextMessage {
  action: 'get-context'
  uid: string
  /** The official Sandbox sends none, so the SDK never resolves `requestContext()`. */
  callbackId?: string
  story: Story
}

export function contextMessage(reply: Reply, story: Story): ContextMessage {
  const { uid, callbackId } = reply
  return { action: 'get-context', uid, ...(callbackId === undefined ? {} : { callbackId }), story }
}

export interface UserContextMessage extends Reply {
  action: 'get-user-context'
  user: { isSpaceAdmin: boolean; permissions: Record<string, unknown> | undefined }
}

export function userContextMessage(
  reply: Reply,
  user: UserContextMessage['user'],
): UserContextMessage {
  return { action: 'get-user-context', ...reply, user }
}

export interface PromptAIMessage extends Reply {
  action: 'prompt-ai'
  aiResponse: { ok: true; answer: string } | { ok: false; error: string }
}

export function promptAIMessage(
  reply: Reply,
  aiResponse: PromptAIMessage['aiResponse'],
): PromptAIMessage {
  return { action: 'prompt-ai', ...reply, aiResponse }
}

export interface PreviewDimensionMessage extends Reply {
  action: 'preview-dimension'
}

export function previewDimensionMessage(reply: Reply): PreviewDimensionMessage {
  return { action: 'preview-dimension', ...reply }
}

export type ContainerMessage =
  | StateMessage
  | AssetSelectedMessage
  | ContextMessage
  | UserContextMessage
  | PromptAIMessage
  | PreviewDimensionMessage
