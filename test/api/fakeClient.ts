// An in-memory ManagementClient for pipeline and composable tests: records every call and lets
// a test replace any method.
import type { ManagementClient, SignedUpload, SignParams } from '../../src/api/types'
import type { Asset } from '../../src/domain/asset'

/**
 * Never settles on its own: rejects with an `AbortError` once `signal` aborts, or at once when
 * it already has, as `fetch` does (a request held open).
 */
export function untilAborted<T>(signal?: AbortSignal | null): Promise<T> {
  return new Promise<T>((_, reject) => {
    const aborted = () => reject(new DOMException('aborted', 'AbortError'))
    if (signal?.aborted) aborted()
    signal?.addEventListener('abort', aborted)
  })
}

export function signedUpload(
  id: number,
  { expiresAt = Date.now() + 10 * 60_000, name = 'photo.png' } = {},
): SignedUpload {
  const policy = btoa(
    JSON.stringify({ expiration: new Date(expiresAt).toISOString(), conditions: [] }),
  )
  return {
    id,
    post_url: 'https://s3.amazonaws.com/a.storyblok.com',
    fields: {
      key: `f/1/abc/${name}`,
      acl: 'public-read',
      'Content-Type': 'image/png',
      policy,
      'x-amz-signature': 'sig',
    },
  }
}

export function storedAsset(id: number, overrides: Partial<Asset> = {}): Asset {
  return {
    id,
    filename: 'https://s3.amazonaws.com/a.storyblok.com/f/1/abc/photo.png',
    alt: null,
    copyright: null,
    title: null,
    source: null,
    focus: null,
    is_private: false,
    meta_data: {},
    content_type: 'image/png',
    content_length: 10,
    created_at: null,
    updated_at: null,
    ...overrides,
  }
}

export interface FakeClientCalls {
  sign: SignParams[]
  finish: number[]
  get: number[]
  delete: number[]
  list: string[]
  /** The `inFolder` of each list call, in the order of `list` (`undefined`: no folder given). */
  listFolder: (number | undefined)[]
  /** How many times the folders were listed. */
  folders: number
  /** `[assetId, language]` of each alt text request. */
  altText: [number, string][]
}

export function fakeClient(overrides: Partial<ManagementClient> = {}): {
  client: ManagementClient
  calls: FakeClientCalls
} {
  const calls: FakeClientCalls = {
    sign: [],
    finish: [],
    get: [],
    delete: [],
    list: [],
    listFolder: [],
    folders: 0,
    altText: [],
  }
  let nextId = 100
  const base: ManagementClient = {
    via: 'token',
    signAsset: async (params) => signedUpload(params.id ?? nextId++),
    finishUpload: async (assetId) => storedAsset(assetId),
    getAsset: async (assetId) => storedAsset(assetId),
    updateAsset: async () => {},
    deleteAsset: async () => {},
    listAssets: async () => [],
    listFolders: async () => ({ folders: [], rootAllowed: true }),
    generateAltText: async (assetId, language) => `Alt text for ${assetId} in ${language}`,
    listTags: async () => [],
  }
  const impl = { ...base, ...overrides }
  const client: ManagementClient = {
    via: impl.via,
    signAsset: (params, options) => {
      calls.sign.push(params)
      return impl.signAsset(params, options)
    },
    finishUpload: (assetId, options) => {
      calls.finish.push(assetId)
      return impl.finishUpload(assetId, options)
    },
    getAsset: (assetId, options) => {
      calls.get.push(assetId)
      return impl.getAsset(assetId, options)
    },
    updateAsset: (assetId, update, options) => impl.updateAsset(assetId, update, options),
    deleteAsset: (assetId, options) => {
      calls.delete.push(assetId)
      return impl.deleteAsset(assetId, options)
    },
    listAssets: (search, options) => {
      calls.list.push(search)
      calls.listFolder.push(options?.inFolder)
      return impl.listAssets(search, options)
    },
    listFolders: (options) => {
      calls.folders++
      return impl.listFolders(options)
    },
    generateAltText: (assetId, language, options) => {
      calls.altText.push([assetId, language])
      return impl.generateAltText(assetId, language, options)
    },
    listTags: (options) => impl.listTags(options),
  }
  return { client, calls }
}
