// The editor's native asset picker, which `selectAsset()` opens: a dialog of the emulator's
// uploaded assets. And the asset the official Sandbox answers with instead, without a dialog.
import { byId } from './dom.ts'
import type { Asset } from './protocol.ts'
import { isRecord } from '../../src/domain/record.ts'

/** What the plugin asked for: the answer must carry its callbackId (and field). */
export interface PickRequest {
  callbackId: string | undefined
  field: string | undefined
}

/**
 * The Sandbox's answer: asset id 0, its own icon as the file, every text empty
 * (storyblok/field-plugin, packages/sandbox/src/components/FieldPluginSandbox.tsx). Its icon is
 * `<sandbox origin>/icon.svg`; this page serves its own at `/__editor/icon.svg`.
 */
export function sandboxAsset(pageOrigin: string): Asset {
  return {
    id: 0,
    fieldtype: 'asset',
    filename: `${pageOrigin}/__editor/icon.svg`,
    name: '',
    alt: '',
    title: '',
    copyright: '',
    focus: '',
    source: '',
    meta_data: {},
    is_private: false,
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** The CDN URL of a Management API asset's S3 `filename`. */
const cdnUrl = (filename: string): string => filename.replace('/s3.amazonaws.com/', '/')

/** An asset of the list answer, in the shape `selectAsset()` resolves with. */
function pickedAsset(asset: Record<string, unknown>, url: string): Asset {
  return {
    id: Number(asset['id']),
    fieldtype: 'asset',
    filename: url,
    name: '',
    alt: text(asset['alt']),
    title: text(asset['title']),
    copyright: text(asset['copyright']),
    focus: text(asset['focus']),
    source: text(asset['source']),
    meta_data: isRecord(asset['meta_data']) ? asset['meta_data'] : {},
    is_external_url: false,
    is_private: asset['is_private'] === true,
  }
}

export class AssetPicker {
  private request: PickRequest | undefined
  private readonly dialog = byId('asset-picker', HTMLDialogElement)

  /**
   * @param listUrl the Management API's asset list for the space
   * @param token the Management API token to list with (the plugin's `managementToken` option)
   * @param answer called with the chosen asset and the request it answers
   */
  constructor(
    private readonly listUrl: string,
    private readonly token: () => string,
    private readonly answer: (asset: Asset, request: PickRequest) => void,
  ) {
    byId('asset-picker-cancel', HTMLButtonElement).addEventListener('click', () =>
      this.dialog.close(),
    )
    // Escape closes the dialog natively; like Cancel, nothing is sent to the plugin.
    this.dialog.addEventListener('close', () => {
      this.request = undefined
    })
  }

  async open(request: PickRequest): Promise<void> {
    this.request = request
    const list = byId('asset-picker-list', HTMLElement)
    const status = byId('asset-picker-status', HTMLElement)
    list.replaceChildren()
    status.textContent = 'Loading assets…'
    if (!this.dialog.open) this.dialog.showModal()
    let assets: Record<string, unknown>[]
    try {
      const response = await fetch(this.listUrl, { headers: { Authorization: this.token() } })
      const body: unknown = await response.json()
      if (!response.ok || !isRecord(body) || !Array.isArray(body['assets'])) {
        status.textContent = `Could not list assets (HTTP ${response.status}).`
        return
      }
      assets = body['assets'].filter(
        (asset): asset is Record<string, unknown> =>
          isRecord(asset) &&
          typeof asset['filename'] === 'string' &&
          typeof asset['content_type'] === 'string',
      )
    } catch {
      status.textContent = 'Could not list assets (network error).'
      return
    }
    status.textContent =
      assets.length === 0 ? 'No uploaded assets yet.' : `${assets.length} asset(s)`
    for (const asset of assets) list.append(this.tile(asset))
  }

  private tile(asset: Record<string, unknown>): HTMLLIElement {
    const url = cdnUrl(text(asset['filename']))
    const type = text(asset['content_type'])
    const isPrivate = asset['is_private'] === true
    const name = text(asset['short_filename']) || (url.split('/').pop() ?? '')
    const button = document.createElement('button')
    button.type = 'button'
    button.setAttribute('aria-label', `Select ${name}`)
    if (type.startsWith('image/') && !isPrivate) {
      const image = document.createElement('img')
      image.className = 'thumb'
      image.alt = text(asset['alt'])
      image.loading = 'lazy'
      image.src = type === 'image/svg+xml' ? url : `${url}/m/300x0`
      button.append(image)
    } else {
      const placeholder = document.createElement('span')
      placeholder.className = 'thumb'
      placeholder.textContent = isPrivate ? 'Private' : type
      button.append(placeholder)
    }
    const label = document.createElement('span')
    label.className = 'name'
    label.textContent = name
    button.append(label)
    button.addEventListener('click', () => {
      const request = this.request
      this.dialog.close()
      if (request) this.answer(pickedAsset(asset, url), request)
    })
    const item = document.createElement('li')
    item.append(button)
    return item
  }
}
