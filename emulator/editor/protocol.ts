// The field-plugin editor protocol: the messages a container (Storyblok's Visual Editor, the
// official Sandbox, this emulator's editor page, the unit tests' fake container) and a field
// plugin exchange with postMessage. One definition for the editor page and
// test/support/container.ts; the facts are in docs/reference/field-plugin.md. What a container
// sends is typed with the SDK's own published message types (@storyblok/field-plugin 1.7.1), so
// an SDK whose protocol changes fails the type check here. Neither DOM nor Node at run time:
// the SDK is imported for its types only, and this runs in the browser and in Node.
import type {
  Asset,
  ContextRequestMessage,
  FieldPluginOption,
  LoadedMessage,
  ModalSize,
  PreviewDimensionResponseMessage,
  PromptAIResponse,
  PromptAIResponseMessage,
  StateChangedMessage,
  StoryData,
  UserContextRequestMessage,
  UserData,
} from '@storyblok/field-plugin'
import { isRecord } from '../../src/domain/record.ts'

export type { Asset, FieldPluginOption, ModalSize, StoryData }

// ---- Plugin → container -------------------------------------------------------------------

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

/**
 * The state part of `loaded` / `state-changed` (the messages' names, not the SDK's `data`):
 * `language` is `''` for the default language, `userId` must be present (defect 5), `token` is
 * the space's preview token, `model` the field's value.
 */
export type EditorState = Omit<StateChangedMessage, 'action' | 'uid' | 'callbackId'>

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
export function schemaOptions(record: Record<string, string>): FieldPluginOption[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }))
}

export type StateMessage = LoadedMessage | StateChangedMessage

/** The answer to `loaded`, or a `state-changed` (with the callbackId of what it answers). */
export function stateMessage(
  action: StateMessage['action'],
  uid: string,
  state: EditorState,
  callbackId?: string,
): StateMessage {
  return { action, uid, ...(callbackId === undefined ? {} : { callbackId }), ...state }
}

/** Who an answer goes to: the field's uid, and the callbackId of the request it answers. */
interface Reply {
  uid: string
  callbackId: string | undefined
}

/**
 * `asset-selected`. The SDK's type requires a callbackId and an `Asset`; a container answers
 * with the callbackId it was given, and the unit tests' container with any asset a test chooses.
 */
export interface AssetSelectedMessage {
  action: 'asset-selected'
  uid: string
  callbackId?: string
  field?: string
  filename: string
  asset: Asset | Record<string, unknown>
}

export function assetSelectedMessage(
  { uid, callbackId }: Reply,
  asset: Asset | Record<string, unknown>,
  field?: string,
): AssetSelectedMessage {
  const filename = typeof asset['filename'] === 'string' ? asset['filename'] : ''
  return {
    action: 'asset-selected',
    uid,
    ...(callbackId === undefined ? {} : { callbackId }),
    ...(field === undefined ? {} : { field }),
    filename,
    asset,
  }
}

/** The answer to `getContext`. The official Sandbox sends no callbackId: the SDK never resolves. */
export function contextMessage(
  { uid, callbackId }: Reply,
  story: StoryData,
): ContextRequestMessage {
  return { action: 'get-context', uid, ...(callbackId === undefined ? {} : { callbackId }), story }
}

export function userContextMessage(reply: Reply, user: UserData): UserContextRequestMessage {
  return { action: 'get-user-context', ...reply, user }
}

export function promptAIMessage(
  reply: Reply,
  aiResponse: PromptAIResponse,
): PromptAIResponseMessage {
  return { action: 'prompt-ai', ...reply, aiResponse }
}

export function previewDimensionMessage(reply: Reply): PreviewDimensionResponseMessage {
  return { action: 'preview-dimension', ...reply }
}

export type ContainerMessage =
  | StateMessage
  | AssetSelectedMessage
  | ContextRequestMessage
  | UserContextRequestMessage
  | PromptAIResponseMessage
  | PreviewDimensionResponseMessage
