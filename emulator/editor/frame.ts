// The plugin's iframe: its src (as the Visual Editor builds it), where it sits (inline or in the
// modal), its height, and the one way to post to it.
import { byId, setStatus, type Tone } from './dom.ts'
import type { ContainerMessage, ModalSize } from './protocol.ts'

/**
 * Where a frame lives on its page: the editor page has one field (its slot, error line and
 * status), the story page several (story.ts). The modal is the page's, shared by its fields.
 */
export interface FrameHost {
  /** The slot the iframe sits in when it is not in the modal. */
  inline: HTMLElement
  /** Says that the plugin URL is not usable; `''` clears it. */
  showError(text: string): void
  setStatus(message: string, tone: Tone): void
  /** Told each time the plugin's `heightChange` gave the inline iframe a new height. */
  resized?(height: number): void
}

/** The editor page's one field: `#plugin-slot`, `#plugin-error` and the top bar's status. */
export function editorPageHost(): FrameHost {
  const error = byId('plugin-error', HTMLElement)
  return {
    inline: byId('plugin-slot', HTMLElement),
    showError: (text) => void (error.textContent = text),
    setStatus,
  }
}

const LOADED_TIMEOUT_MS = 8000

function cssLength(value: string): string {
  return /^\d+(\.\d+)?$/.test(value) ? `${value}px` : value
}

function applySize(element: HTMLElement, size: ModalSize | undefined): void {
  element.style.width = size?.width === undefined ? '' : cssLength(size.width)
  element.style.height = size?.height === undefined ? '' : cssLength(size.height)
}

export class PluginFrame {
  element: HTMLIFrameElement | undefined
  /** The plugin's origin: messages go only there, and are accepted only from there. */
  origin = ''
  /** Re-create the iframe inside the modal, as the plugin asked in `loaded`. */
  portalModal = false
  private reportedHeight: number | undefined
  private loadedTimer: ReturnType<typeof setTimeout> | undefined

  /**
   * @param sandbox build the src as the official Sandbox does: the plugin URL's own query is
   *   dropped and `preview=1` added
   * @param onPostError told when a message cannot be posted (a value the browser cannot clone)
   * @param host where the frame lives on its page
   */
  constructor(
    public pluginUrl: string,
    private readonly uid: string,
    private readonly sandbox: boolean,
    private readonly onPostError: (message: ContainerMessage, error: unknown) => void,
    private readonly host: FrameHost,
  ) {}

  /** The iframe src, or undefined when the plugin URL is not usable. */
  private src(): string | undefined {
    let url: URL
    try {
      url = new URL(this.pluginUrl)
    } catch {
      return undefined
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    this.origin = url.origin
    if (this.sandbox) url.search = ''
    url.searchParams.set('protocol', location.protocol)
    url.searchParams.set('host', location.host)
    url.searchParams.set('uid', this.uid)
    if (this.sandbox) url.searchParams.set('preview', '1')
    return url.toString()
  }

  /** A new iframe (the old one goes) in the inline slot or the modal's. */
  mount(place: 'inline' | 'modal'): void {
    this.element?.remove()
    this.element = undefined
    const src = this.src()
    const { host } = this
    if (!src) {
      host.showError(`Not a usable plugin URL: ${this.pluginUrl}`)
      host.setStatus('No plugin', 'bad')
      return
    }
    host.showError('')
    const element = document.createElement('iframe')
    element.title = 'Field plugin'
    element.src = src
    element.setAttribute('allow', 'clipboard-read; clipboard-write')
    if (this.reportedHeight !== undefined && place === 'inline')
      element.style.height = `${this.reportedHeight}px`
    ;(place === 'inline' ? host.inline : byId('modal-slot', HTMLElement)).append(element)
    this.element = element
    host.setStatus('Waiting for the plugin…', '')
    clearTimeout(this.loadedTimer)
    this.loadedTimer = setTimeout(() => {
      host.setStatus(
        `The plugin did not answer. Is it running at ${this.pluginUrl}, and does it accept messages from ${location.origin}?`,
        'bad',
      )
    }, LOADED_TIMEOUT_MS)
  }

  loaded(portalModal: boolean | undefined): void {
    if (portalModal !== undefined) this.portalModal = portalModal
    clearTimeout(this.loadedTimer)
    this.host.setStatus('Plugin loaded', 'ok')
  }

  /** True for a message posted by the current iframe's document from the plugin's origin. */
  isFrom(event: MessageEvent): boolean {
    return (
      !!this.element && event.origin === this.origin && event.source === this.element.contentWindow
    )
  }

  /** Posts to the plugin; false when there is no plugin or the browser refused the message. */
  post(message: ContainerMessage): boolean {
    const target = this.element?.contentWindow
    if (!target || !this.origin) return false
    try {
      target.postMessage(message, this.origin)
      return true
    } catch (error) {
      this.onPostError(message, error)
      return false
    }
  }

  resize(height: number, modalOpen: boolean): void {
    this.reportedHeight = Math.max(0, Math.ceil(height))
    if (modalOpen || !this.element) return
    this.element.style.height = `${this.reportedHeight}px`
    this.host.resized?.(this.reportedHeight)
  }

  /** Opens or closes the modal; `wasOpen` is whether it was open before. */
  setModal(open: boolean, wasOpen: boolean, size: ModalSize | undefined): void {
    const modal = byId('modal', HTMLElement)
    const inline = this.host.inline
    byId('modal-backdrop', HTMLElement).hidden = !open
    if (this.portalModal) {
      // As the Visual Editor does: the plugin is re-created inside the modal, and inline again on close.
      inline.classList.remove('is-modal')
      modal.hidden = !open
      applySize(modal, open ? size : undefined)
      if (open !== wasOpen) this.mount(open ? 'modal' : 'inline')
      return
    }
    // Without a portal the iframe stays where it is (moving an iframe reloads it) and is restyled.
    modal.hidden = true
    inline.classList.toggle('is-modal', open)
    applySize(inline, open ? size : undefined)
    if (this.element) {
      const height = this.reportedHeight
      this.element.style.height = open || height === undefined ? '' : `${height}px`
    }
  }

  /** Closes the modal without telling the plugin, and re-creates it inline (a reload). */
  reload(): void {
    byId('modal-backdrop', HTMLElement).hidden = true
    byId('modal', HTMLElement).hidden = true
    const inline = this.host.inline
    inline.classList.remove('is-modal')
    applySize(inline, undefined)
    this.mount('inline')
  }
}
