// The editor session: what the editor told the plugin (its state, the field's options, the
// languages), what follows from it (the Management API client, where previews may come from,
// the upload journal), and the editor's actions the plugin calls. Its effects (the SDK
// connection, the field's value, snapshots) are in composables/useEditorSession.ts. Components
// read the plugin's facts here (`isModalOpen`, `uid`), never the SDK's raw state.
import type { FieldPluginActions, FieldPluginResponse } from '@storyblok/field-plugin'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { deliveryBaseUrl, managementBaseUrl } from '../api/region'
import type { ManagementClient } from '../api/types'
import { baseLanguage } from '../domain/language'
import { isSpaceAssetUrl } from '../domain/urls'
import { parseOptions, type PluginOptions } from '../plugin/options'
import { createUploadJournal } from '../plugin/uploadJournal'
import { useStoreEnvironment } from './environment'

export const useSessionStore = defineStore('session', () => {
  const env = useStoreEnvironment()
  /** What the SDK reports: still loading, an error, or the editor's state and actions. */
  const plugin = shallowRef<FieldPluginResponse<unknown>>({ type: 'loading' })

  const data = computed(() => plugin.value.data)
  const actions = computed(() => plugin.value.actions)
  const parsed = computed(() => data.value && parseOptions(data.value.options, data.value.spaceId))
  const options = computed(() => parsed.value?.options)
  const problems = computed(() => parsed.value?.problems ?? [])
  /** The field instance: what it keeps across re-created iframes is stored under it. */
  const uid = computed(() => data.value?.uid ?? '')
  /** The story language being edited: `'default'` or a code. */
  const language = computed(() => data.value?.storyLang ?? 'default')
  /**
   * The language to write texts in: the story's; for its default language, which the editor
   * does not name, the editor's interface language.
   */
  const writingLanguage = computed(() =>
    language.value === 'default' ? baseLanguage(data.value?.interfaceLang) || 'en' : language.value,
  )
  /** Whether the space has Storyblok's AI features switched on (the editor says so). */
  const aiEnabled = computed(() => data.value?.isAIEnabled === true)
  /** Whether the plugin is shown in the editor's larger view (its modal). */
  const isModalOpen = computed(() => data.value?.isModalOpen === true)

  /** The client's settings, or `null` while an option has a problem. */
  function clientConfig(o: PluginOptions | undefined) {
    if (!o || o.spaceId === undefined || problems.value.length) return null
    if (o.gatewayUrl) {
      // The gateway shares Storyblok's rate limit fairly among every editor: no throttle here.
      // The editor's preview token proves, as far as a field plugin can, that the caller is
      // an editor of the space (README, "Who can call the gateway"); the Sandbox sends none.
      const previewToken = data.value?.token ?? undefined
      const gateway = { session: env.instanceId, userId: data.value?.userId, previewToken }
      return { baseUrl: o.gatewayUrl, spaceId: o.spaceId, gateway, rateLimit: null }
    }
    const baseUrl = managementBaseUrl(o.region, o.apiBaseUrl)
    if (!baseUrl) return null
    return { baseUrl, spaceId: o.spaceId, token: o.managementToken, rateLimit: o.rateLimit }
  }

  /**
   * Made only while the options have no problem (a wrong option must never upload into the
   * wrong place), and re-made only when what it depends on changes, not on every state message:
   * it keeps its rate-limit window.
   */
  const connection = computed<{ key: string; client: ManagementClient } | null>((previous) => {
    const config = clientConfig(options.value)
    if (!config) return null
    const key = JSON.stringify(config)
    if (previous?.key === key) return previous
    try {
      return { key, client: env.createClient(config) }
    } catch {
      // Every value was checked by parseOptions; a client that still refuses is not made.
      return null
    }
  })
  const client = computed(() => connection.value?.client ?? null)

  /** Where private assets get their signed URLs (the local Storyblok's own origin in dev). */
  const deliveryBase = computed(() => {
    const o = options.value
    return o ? deliveryBaseUrl(o.region, o.apiBaseUrl) : null
  })

  /** Whether a URL is a file of this space's library, so it may be previewed and linked. */
  function isLibraryUrl(url: string): boolean {
    const o = options.value
    return !!o && isSpaceAssetUrl(url, { spaceId: o.spaceId, apiBaseUrl: o.apiBaseUrl })
  }

  /** Where uploads note what they may leave behind (see plugin/uploadJournal.ts). */
  const journal = computed(
    () => data.value && createUploadJournal(data.value.uid, { storage: env.storage, now: env.now }),
  )

  /** Opens or closes the editor's larger view (it re-creates the iframe). */
  const setModalOpen = (open: boolean): void => void actions.value?.setModalOpen(open)
  /** The editor's asset picker; `null` where the editor offers none. */
  const selectAsset = (): ReturnType<FieldPluginActions<unknown>['selectAsset']> | null =>
    actions.value?.selectAsset() ?? null
  /** Writes the field's value. */
  const setContent = (value: unknown): void => void actions.value?.setContent(value)

  function $reset() {
    plugin.value = { type: 'loading' }
  }

  return {
    plugin,
    data,
    options,
    problems,
    uid,
    language,
    writingLanguage,
    aiEnabled,
    isModalOpen,
    client,
    deliveryBase,
    journal,
    isLibraryUrl,
    setModalOpen,
    selectAsset,
    setContent,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
