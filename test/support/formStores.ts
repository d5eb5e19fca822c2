// The stores of a field in the local Storyblok (one emulator per test file, reset before each
// test), with the session's client, and a client of its own to read back with.
import { beforeEach } from 'vitest'
import { createManagementClient } from '../../src/api/client'
import type { Asset } from '../../src/domain/asset'
import type { StoreEnvironment } from '../../src/stores/environment'
import { useAssetFormStore } from '../../src/stores/assetForm'
import { useAssetListStore } from '../../src/stores/assetList'
import { useAssetSaveStore } from '../../src/stores/assetSave'
import { useListSaveStore } from '../../src/stores/listSave'
import { usePickerStore } from '../../src/stores/picker'
import { useSessionStore } from '../../src/stores/session'
import { useUploadsStore } from '../../src/stores/uploads'
import { useEmulator } from './emulator'
import { createTestPinia, testEnvironment } from './pinia'
import { seedAsset } from './seed'
import { loadedPlugin, type LoadedOptions } from './editorState'

export function useFormStores() {
  const local = useEmulator({ resetEachTest: false })
  beforeEach(() => local.emulator.reset())

  /**
   * The stores of a field in a story, with `loaded`'s options, languages and picker, in an
   * environment that never waits unless `env` says otherwise.
   */
  function setup(loaded: LoadedOptions = {}, env: Partial<StoreEnvironment> = {}) {
    const { emulator } = local
    const environment = testEnvironment(env)
    createTestPinia(environment)
    const session = useSessionStore()
    session.plugin = loadedPlugin({
      spaceId: emulator.spaceId,
      ...loaded,
      options: {
        managementToken: emulator.token,
        apiBaseUrl: emulator.apiBaseUrl,
        rateLimit: '50',
        ...loaded.options,
      },
    })
    // What the test reads back, outside the session's rate limit.
    const client = createManagementClient({
      baseUrl: emulator.apiBaseUrl,
      spaceId: emulator.spaceId,
      token: emulator.token,
      rateLimit: null,
    })
    const list = useAssetListStore()
    const store = useAssetFormStore()
    /** "Remove asset": the open item leaves the field. */
    const removeOpen = () => {
      if (store.key !== null) list.remove(store.key)
    }
    return {
      store,
      list,
      saving: useAssetSaveStore(),
      picker: usePickerStore(),
      listSaving: useListSaveStore(),
      uploads: useUploadsStore(),
      client,
      session,
      env: environment,
      removeOpen,
    }
  }

  /** An uploaded 64×48 PNG, as the library holds it. */
  async function freshAsset(): Promise<Asset> {
    const { client } = setup()
    const { id } = await seedAsset(local.emulator, { filename: 'photo.png', width: 64, height: 48 })
    return client.getAsset(id)
  }

  return { local, setup, freshAsset }
}
