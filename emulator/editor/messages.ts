// How the page answers the plugin's messages, with the habits it was asked to imitate: late and
// reordered echoes, the Sandbox's instant asset and its unanswered requests.
import { drawDelay, type Habits } from './habits.ts'
import type { Field } from './field.ts'
import type { PluginFrame } from './frame.ts'
import type { logMessage } from './panel.ts'
import { sandboxAsset, type AssetPicker, type PickRequest } from './picker.ts'
import {
  assetSelectedMessage,
  contextMessage,
  parsePluginMessage,
  previewDimensionMessage,
  promptAIMessage,
  stateMessage,
  userContextMessage,
  type Asset,
  type ContainerMessage,
  type PluginMessage,
} from './protocol.ts'

/** The messages that change the field or its frame; the others are requests to answer. */
type ChangeEvent = 'loaded' | 'update' | 'toggleModal' | 'heightChange'

/** What the page shows of the exchange: the editor page's side panel (panel.ts), or less. */
export interface MessagesView {
  log: typeof logMessage
  /** Shows the field's value after the plugin changed it. */
  showContent(content: unknown): void
}

export class Messages {
  /** Whether the plugin ever sent `loaded`. */
  loadedOnce = false
  /** Set once the picker exists (it answers through `answerAsset`). */
  picker: AssetPicker | undefined

  constructor(
    private readonly uid: string,
    private readonly field: Field,
    private readonly frame: PluginFrame,
    private readonly habits: Habits,
    private readonly view: MessagesView,
  ) {}

  post(message: ContainerMessage, note?: string): void {
    if (this.frame.post(message)) this.view.log('→', message, note)
  }

  /** A `state-changed` with the current state, at once: what the side panel and the test hooks send. */
  postState(): void {
    this.post(stateMessage('state-changed', this.uid, this.field.state()))
  }

  /**
   * The answer to `update` or `toggleModal`: the state as it is now (the value of *that* update),
   * posted after the echo delay, drawn for each answer, so later answers may overtake it.
   */
  private echo(callbackId: string | undefined): void {
    const message = stateMessage('state-changed', this.uid, this.field.state(), callbackId)
    const range = this.habits.echoDelay
    if (!range) {
      this.post(message)
      return
    }
    const delay = drawDelay(range)
    setTimeout(() => this.post(message, `${delay} ms late`), delay)
  }

  answerAsset(asset: Asset, request: PickRequest): void {
    const reply = { uid: this.uid, callbackId: request.callbackId }
    this.post(assetSelectedMessage(reply, asset, request.field))
  }

  /** The window's message listener: only the current iframe's messages for this field count. */
  readonly onMessage = (event: MessageEvent): void => {
    if (!this.frame.isFrom(event)) return
    const message = parsePluginMessage(event.data)
    if (!message || message.uid !== this.uid) return
    this.view.log('←', message)
    this.handle(message)
  }

  private handle(message: PluginMessage): void {
    const { field, habits } = this
    switch (message.event) {
      case 'loaded':
        this.loadedOnce = true
        this.frame.loaded(message.enablePortalModal)
        this.post(stateMessage('loaded', this.uid, field.state(), message.callbackId))
        // The Sandbox also sends its state once the plugin subscribed to it.
        if (habits.sandbox) this.postState()
        return
      case 'update':
        field.content = message.model
        this.view.showContent(field.content)
        this.echo(message.callbackId)
        return
      case 'toggleModal': {
        const wasOpen = field.modalOpen
        field.modalOpen = message.status
        this.frame.setModal(message.status, wasOpen, message.modalSize)
        this.echo(message.callbackId)
        return
      }
      case 'heightChange':
        this.frame.resize(message.height, field.modalOpen)
        return
      default:
        this.answer(message)
    }
  }

  /** The plugin's requests: an asset, the story, the user, AI, the preview's size. */
  private answer(message: Exclude<PluginMessage, { event: ChangeEvent }>): void {
    const { field, habits } = this
    const reply = { uid: this.uid, callbackId: message.callbackId }
    switch (message.event) {
      case 'showAssetModal': {
        const request = { callbackId: message.callbackId, field: message.field }
        if (habits.instantPicker) this.answerAsset(sandboxAsset(location.origin), request)
        else void this.picker?.open(request)
        return
      }
      case 'getContext':
        // The Sandbox answers without the callbackId: the SDK never resolves requestContext().
        this.post(
          contextMessage(
            habits.sandbox ? { ...reply, callbackId: undefined } : reply,
            field.state().story,
          ),
        )
        return
      case 'getUserContext':
        this.post(
          userContextMessage(reply, {
            isSpaceAdmin: true,
            permissions: habits.sandbox ? undefined : {},
          }),
        )
        return
      case 'promptAI':
        // The Sandbox shows a notice and never answers.
        if (!habits.sandbox)
          this.post(
            promptAIMessage(reply, {
              ok: false,
              error: 'AI is not available in the local Storyblok',
            }),
          )
        return
      case 'previewDimension':
        this.post(previewDimensionMessage(reply))
        return
    }
  }
}
