// The local Visual Editor: embeds a field plugin exactly as Storyblok's editor does and speaks
// its postMessage protocol (docs/reference/field-plugin.md), with the habits of other containers
// on request (habits.ts). page.ts serves these modules as JavaScript.
import { byId } from './dom.ts'
import { Field } from './field.ts'
import { PluginFrame, editorPageHost } from './frame.ts'
import { describeHabits, readHabits } from './habits.ts'
import { Messages } from './messages.ts'
import { defaultOptions, loadOptions, saveOptions, withOverrides } from './options.ts'
import { logMessage, renderContent, renderHabits, renderOptions, wirePanel } from './panel.ts'
import { AssetPicker } from './picker.ts'
import type { FieldPluginOption } from './protocol.ts'
import { readSettings } from './settings.ts'

const settings = readSettings(document.getElementById('emulator-settings'))
const query = new URLSearchParams(location.search)
const { habits, problems } = readHabits(query, settings.spaceId, settings)
const uid = crypto.randomUUID()
const field = new Field(
  crypto.randomUUID(),
  withOverrides(loadOptions(settings), habits.options),
  settings,
  habits,
)
const frame = new PluginFrame(
  query.get('plugin') || settings.pluginUrl,
  uid,
  habits.sandbox,
  (message, error) =>
    logMessage('→', message, `not sent: ${error instanceof Error ? error.name : 'refused'}`),
  editorPageHost(),
)
const messages = new Messages(uid, field, frame, habits, {
  log: logMessage,
  showContent: renderContent,
})
messages.picker = new AssetPicker(
  `${location.origin}/v1/spaces/${settings.spaceId}/assets?per_page=100`,
  () => field.options.find((option) => option.name === 'managementToken')?.value || settings.token,
  (asset, request) => messages.answerAsset(asset, request),
)

function optionsChanged(options: FieldPluginOption[]): void {
  field.options = options
  saveOptions(options)
  messages.postState()
}

function showOptions(): void {
  renderOptions(field.options, optionsChanged)
}

function reloadPlugin(): void {
  field.modalOpen = false
  frame.reload()
}

// ---- Test hooks (`window.__editor`) ---------------------------------------------------------

const api = {
  getContent: (): unknown => field.content,
  setContent(value: unknown): void {
    field.content = value
    renderContent(value)
    messages.postState()
  },
  setOptions(record: Record<string, unknown>): void {
    field.options = Object.entries(record).map(([name, value]) => ({ name, value: String(value) }))
    saveOptions(field.options)
    showOptions()
    messages.postState()
  },
  /** `''` or `'default'` for the default language. */
  setLanguage(code: string): void {
    field.storyLanguage = code === 'default' ? '' : code
    byId('story-language', HTMLSelectElement).value = field.storyLanguage
    messages.postState()
  },
  setInterfaceLanguage(code: string): void {
    field.interfaceLanguage = code
    byId('interface-language', HTMLSelectElement).value = code
    messages.postState()
  },
  setAIEnabled(on: boolean): void {
    field.aiEnabled = on
    byId('ai-enabled', HTMLInputElement).checked = on
    messages.postState()
  },
  isModalOpen: (): boolean => field.modalOpen,
  iframe: (): HTMLIFrameElement | undefined => frame.element,
  isLoaded: (): boolean => messages.loadedOnce,
}

Object.defineProperty(window, '__editor', { value: api, configurable: true })

wirePanel(frame.pluginUrl, {
  reloadPlugin(url) {
    frame.pluginUrl = url
    const next = new URL(location.href)
    next.searchParams.set('plugin', url)
    history.replaceState(null, '', next)
    reloadPlugin()
  },
  setLanguage: api.setLanguage,
  setInterfaceLanguage: api.setInterfaceLanguage,
  setAIEnabled: api.setAIEnabled,
  addOption() {
    field.options.push({ name: '', value: '' })
    showOptions()
  },
  resetOptions() {
    optionsChanged(defaultOptions(settings))
    showOptions()
  },
  applyOptions() {
    saveOptions(field.options)
    reloadPlugin()
  },
  setContent: api.setContent,
})
renderHabits(describeHabits(habits, settings.spaceId), problems)
byId('ai-enabled', HTMLInputElement).checked = field.aiEnabled
showOptions()
renderContent(field.content)
window.addEventListener('message', messages.onMessage)
frame.mount('inline')
