// An in-memory Visual Editor for component tests: it answers the plugin's messages as the
// protocol in docs/reference/field-plugin.md says (with the editor page's own message code,
// emulator/editor/protocol.ts), with initial content, options and languages that a test
// chooses. (The SDK's own `setupFieldPlugin` cannot set content or options, and its
// `asset-selected` reply lacks `asset`: defect 3.)
import { vi } from 'vitest'
import { delayRange, drawDelay, type DelayRange } from '../../emulator/editor/habits'
import {
  assetSelectedMessage,
  editorState,
  parsePluginMessage,
  schemaOptions,
  stateMessage,
  type ContainerMessage,
} from '../../emulator/editor/protocol'
import { isRecord } from '../../src/domain/record'

export const CONTAINER_ORIGIN = 'http://localhost:7070'
export const UID = 'test-field-uid'

export interface ContainerOptions {
  content?: unknown
  options?: Record<string, string>
  language?: string
  interfaceLanguage?: string
  /** `null` as the official Sandbox sends it. @default 288868932106293 */
  spaceId?: number | null
  /** What the asset picker answers with. */
  selectedAsset?: Record<string, unknown>
  /**
   * How late the answers to `update` and `toggleModal` arrive: ms, or [min, max] ms drawn anew
   * for each answer (so they may overtake each other), as real editors answer. With setTimeout,
   * so fake timers control it. Each answer carries the value of the update it answers.
   * @default 0
   */
  echoDelayMs?: number | DelayRange
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

export function installContainer(initial: ContainerOptions = {}): FakeContainer {
  let settings: ContainerOptions = { spaceId: 288868932106293, ...initial }
  let model: unknown = initial.content
  let modalOpen = false
  const received: Record<string, unknown>[] = []
  const echoDelay = delayRange(initial.echoDelayMs ?? 0)

  const state = () =>
    editorState({
      language: settings.language ?? '',
      interfaceLanguage: settings.interfaceLanguage ?? 'en',
      spaceId: settings.spaceId ?? null,
      userId: 1,
      storyId: 1,
      blockId: 'block',
      token: 'preview-token',
      schema: {
        field_type: 'asset-uploader',
        options: schemaOptions(settings.options ?? {}),
        translatable: true,
      },
      model,
      isModalOpen: modalOpen,
    })

  const send = (data: ContainerMessage, delayMs = 0) => {
    // The editor answers asynchronously, as postMessage does.
    setTimeout(() => {
      window.dispatchEvent(new MessageEvent('message', { data, origin: CONTAINER_ORIGIN }))
    }, delayMs)
  }

  const postMessage = (data: unknown) => {
    if (!isRecord(data) || data['uid'] !== UID) return
    received.push(data)
    const message = parsePluginMessage(data)
    if (!message) return
    const { callbackId } = message
    switch (message.event) {
      case 'loaded':
        send(stateMessage('loaded', UID, state(), callbackId))
        break
      case 'update':
        model = message.model
        send(stateMessage('state-changed', UID, state(), callbackId), drawDelay(echoDelay))
        break
      case 'toggleModal':
        modalOpen = message.status
        send(stateMessage('state-changed', UID, state(), callbackId), drawDelay(echoDelay))
        break
      case 'showAssetModal':
        send(assetSelectedMessage({ uid: UID, callbackId }, settings.selectedAsset ?? {}))
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
      send(stateMessage('state-changed', UID, state()))
    },
    restore: () => {
      vi.unstubAllGlobals()
    },
  }
}
