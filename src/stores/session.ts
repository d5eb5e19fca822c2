// The editor session: what the editor told the plugin (its state, the field's options, the
// languages) and what follows from it (the Management API client, where previews may come
// from). Its effects (the SDK connection, the field's value, snapshots) are in
// composables/useEditorSession.ts; components and the form store read it here.
import type { FieldPluginResponse } from '@storyblok/field-plugin'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { createManagementClient } from '../api/client'
import { deliveryBaseUrl, managementBaseUrl } from '../api/region'
import type { ManagementClient } from '../api/types'
import { isSpaceAssetUrl } from '../domain/urls'
import { parseOptions } from '../plugin/options'
import { createUploadJournal } from '../plugin/session'

export const useSessionStore = defineStore('session', () => {
  /** What the SDK reports: still loading, an error, or the editor's state and actions. */
  const plugin = shallowRef<FieldPluginResponse<unknown>>({ type: 'loading' })

  const data = computed(() => plugin.value.data)
  const actions = computed(() => plugin.value.actions)
  const parsed = computed(() => data.value && parseOptions(data.value.options, data.value.spaceId))
  const options = computed(() => parsed.value?.options)
  const problems = computed(() => parsed.value?.problems ?? [])
  /** The story language being edited: `'default'` or a code. */
  const language = computed(() => data.value?.storyLang ?? 'default')
  /** Whether the space has Storyblok's AI features switched on (the editor says so). */
  const aiEnabled = computed(() => data.value?.isAIEnabled === true)

  /**
   * Made only while the options have no problem (a wrong option must never upload into the
   * wrong place), and re-made only when what it depends on changes, not on every state message:
   * it keeps its rate-limit window.
   */
  const connection = computed<{ key: string; client: ManagementClient } | null>((previous) => {
    const o = options.value
    const baseUrl = o && managementBaseUrl(o.region, o.apiBaseUrl)
    if (!o || !baseUrl || o.spaceId === undefined || problems.value.length) return null
    const config = {
      baseUrl,
      spaceId: o.spaceId,
      token: o.managementToken,
      rateLimit: o.rateLimit,
    }
    const key = JSON.stringify(config)
    if (previous?.key === key) return previous
    try {
      return { key, client: createManagementClient(config) }
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

  /** Where uploads note what they may leave behind (see plugin/session.ts). */
  const journal = computed(() => data.value && createUploadJournal(data.value.uid))

  function $reset() {
    plugin.value = { type: 'loading' }
  }

  return {
    plugin,
    data,
    actions,
    options,
    problems,
    language,
    aiEnabled,
    client,
    deliveryBase,
    journal,
    isLibraryUrl,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
