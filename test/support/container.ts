// An in-memory Visual Editor for component tests: it answers the plugin's messages as the
// protocol in ../shared/reference/field-plugin.md says, with initial content, options and
// languages that a test chooses. (The SDK's own `setupFieldPlugin` cannot set content or
// options, and its `asset-selected` reply lacks `asset`: defect 3.)
import { vi } from 'vitest'

export const CONTAINER_ORIGIN = 'http://localhost:7070'
export const UID = 'test-field-uid'

export interface ContainerOptions {
  content?: unknown
  options?: Record<string, string>
  language?: string
  interfaceLanguage?: string
  spaceId?: number
  /** What the asset picker answers with. */
  selectedAsset?: Record<string, unknown>
}

export interface FakeContainer {
  /** Every message the plugin posted, in order. */
  received: Record<string, unknown>[]
  content: () => unknown
  isModalOpen: () => boolean
  /** Sends a fresh state (as the editor does when the options or languages change). */
  update: (patch: Partial<ContainerOptions>) => void
  restore: () => void
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

export function installContainer(initial: ContainerOptions = {}): FakeContainer {
  let settings: ContainerOptions = { spaceId: 288868932106293, ...initial }
  let model: unknown = initial.content
  let modalOpen = false
  const received: Record<string, unknown>[] = []

  const state = (action: string, callbackId?: unknown) => ({
    action,
    uid: UID,
    callbackId,
    language: settings.language ?? '',
    interfaceLanguage: settings.interfaceLanguage ?? 'en',
    spaceId: settings.spaceId ?? null,
    userId: 1,
    story: { content: {} },
    storyId: 1,
    blockId: 'block',
    token: 'preview-token',
    schema: {
      field_type: 'asset-uploader',
      options: Object.entries(settings.options ?? {}).map(([name, value]) => ({ name, value })),
      translatable: true,
    },
    model,
    isAIEnabled: false,
    isModalOpen: modalOpen,
    releases: [],
    releaseId: undefined,
  })

  const send = (data: Record<string, unknown>) => {
    // The editor answers asynchronously, as postMessage does.
    setTimeout(() => {
      window.dispatchEvent(new MessageEvent('message', { data, origin: CONTAINER_ORIGIN }))
    }, 0)
  }

  const postMessage = (message: unknown) => {
    if (!isRecord(message) || message.uid !== UID) return
    received.push(message)
    switch (message.event) {
      case 'loaded':
        send(state('loaded', message.callbackId))
        break
      case 'update':
        model = message.model
        send(state('state-changed', message.callbackId))
        break
      case 'toggleModal':
        modalOpen = message.status === true
        send(state('state-changed', message.callbackId))
        break
      case 'showAssetModal':
        send({
          action: 'asset-selected',
          uid: UID,
          callbackId: message.callbackId,
          filename:
            typeof settings.selectedAsset?.filename === 'string'
              ? settings.selectedAsset.filename
              : '',
          asset: settings.selectedAsset ?? {},
        })
        break
      default:
        break
    }
  }

  vi.stubGlobal('parent', { postMessage })
  window.history.replaceState(null, '', `/?protocol=http:&host=localhost:7070&uid=${UID}`)

  return {
    received,
    content: () => model,
    isModalOpen: () => modalOpen,
    update: (patch) => {
      settings = { ...settings, ...patch }
      if ('content' in patch) model = patch.content
      send(state('state-changed'))
    },
    restore: () => {
      vi.unstubAllGlobals()
    },
  }
}
