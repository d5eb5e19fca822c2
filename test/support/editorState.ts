// The editor's state as the SDK reports it once loaded, for store and composable tests that do
// not need a container: the options, languages and actions a test chooses.
import type {
  Asset as PickedAsset,
  FieldPluginActions,
  FieldPluginData,
  FieldPluginResponse,
} from '@storyblok/field-plugin'
import { vi } from 'vitest'

export interface LoadedOptions {
  options?: Record<string, string>
  spaceId?: number
  storyLang?: string
  content?: unknown
  uid?: string
  isModalOpen?: boolean
  /** What the asset picker answers with. */
  picked?: Partial<PickedAsset>
}

export function loadedData(loaded: LoadedOptions = {}): FieldPluginData<unknown> {
  return {
    isModalOpen: loaded.isModalOpen ?? false,
    content: loaded.content,
    options: loaded.options ?? {},
    spaceId: loaded.spaceId,
    userId: 1,
    interfaceLang: 'en',
    storyLang: loaded.storyLang ?? 'default',
    story: { content: {} },
    storyId: 1,
    blockUid: 'block',
    token: 'preview-token',
    uid: loaded.uid ?? 'field-uid',
    translatable: true,
    isAIEnabled: false,
    releases: [],
    releaseId: undefined,
  }
}

/** The SDK's actions, each a spy; `setContent` answers with the state it was given. */
export function fakeActions(loaded: LoadedOptions = {}): FieldPluginActions<unknown> {
  const picked: PickedAsset = {
    id: 0,
    fieldtype: 'asset',
    filename: '',
    name: '',
    alt: '',
    title: '',
    copyright: '',
    focus: '',
    ...loaded.picked,
  }
  return {
    setContent: vi.fn((content: unknown) => Promise.resolve(loadedData({ ...loaded, content }))),
    setModalOpen: vi.fn((isModalOpen: boolean) =>
      Promise.resolve(loadedData({ ...loaded, isModalOpen })),
    ),
    requestContext: vi.fn(() => Promise.resolve({ content: {} })),
    promptAI: vi.fn(() => Promise.resolve({ ok: false as const, error: 'no AI' })),
    requestUserContext: vi.fn(() =>
      Promise.resolve({ isSpaceAdmin: true, permissions: undefined }),
    ),
    selectAsset: vi.fn(() => Promise.resolve(picked)),
    setPreviewDimension: vi.fn(() => Promise.resolve()),
  }
}

export function loadedPlugin(loaded: LoadedOptions = {}): FieldPluginResponse<unknown> {
  return { type: 'loaded', data: loadedData(loaded), actions: fakeActions(loaded) }
}
