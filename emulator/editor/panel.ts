// The side panel: what the developer sees (the field's value, the message log, the habits the
// page imitates) and edits (plugin URL, languages, options, value). Data from the plugin or the
// API is only ever rendered with textContent.
import { byId } from './dom.ts'
import type { ContainerMessage, FieldPluginOption, PluginMessage } from './protocol.ts'

const LOG_LIMIT = 60

/** The value as `#field-content` shows it: indented JSON, or a notice when it has none. */
export function contentText(content: unknown): string {
  if (content === undefined) return ''
  try {
    return JSON.stringify(content, null, 2)
  } catch (error) {
    // Too deep for the stack, or a cycle (postMessage can carry both).
    const reason = error instanceof Error ? error.name : 'error'
    return `(not shown: this value cannot be written as JSON, ${reason})`
  }
}

export function renderContent(content: unknown): void {
  byId('field-content', HTMLElement).textContent = contentText(content)
}

/** Lists the habits the page imitates, and the parameters it could not read. */
export function renderHabits(lines: readonly string[], problems: readonly string[]): void {
  const section = byId('habits', HTMLElement)
  section.hidden = lines.length === 0 && problems.length === 0
  byId('habits-list', HTMLElement).replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement('li')
      item.textContent = line
      return item
    }),
  )
  byId('habits-problems', HTMLElement).textContent = problems.join('. ')
}

export function logMessage(
  direction: '←' | '→',
  message: PluginMessage | ContainerMessage,
  note = '',
): void {
  const log = byId('message-log', HTMLElement)
  const item = document.createElement('li')
  const kind = 'event' in message ? message.event : message.action
  const callback = message.callbackId === undefined ? '' : ` #${message.callbackId.slice(0, 8)}`
  // Not `toLocaleTimeString()`: its first call loads locale data for some 80 ms, which delayed the
  // answer to the plugin's first message (the real editor has no such log).
  const time = new Date().toISOString().slice(11, 19)
  item.textContent = `${time} ${direction} ${kind}${callback}${note ? ` (${note})` : ''}`
  log.append(item)
  while (log.childElementCount > LOG_LIMIT) log.firstElementChild?.remove()
  log.scrollTop = log.scrollHeight
}

function input(value: string, label: string, onChange: (value: string) => void): HTMLElement {
  const cell = document.createElement('td')
  const element = document.createElement('input')
  element.value = value
  element.setAttribute('aria-label', label)
  element.spellcheck = false
  element.addEventListener('change', () => onChange(element.value))
  cell.append(element)
  return cell
}

/** The options table; `changed` is called after each edit, with the option list edited in place. */
export function renderOptions(
  options: FieldPluginOption[],
  changed: (options: FieldPluginOption[]) => void,
): void {
  const rows = options.map((option, index) => {
    const label = option.name || String(index + 1)
    const name = input(option.name, `Option ${index + 1} name`, (value) => {
      option.name = value
      changed(options)
    })
    const value = input(option.value, `Option ${label} value`, (next) => {
      option.value = next
      changed(options)
    })
    const removeCell = document.createElement('td')
    const remove = document.createElement('button')
    remove.type = 'button'
    remove.textContent = '×'
    remove.setAttribute('aria-label', `Remove option ${label}`)
    remove.addEventListener('click', () => {
      const rest = options.filter((other) => other !== option)
      renderOptions(rest, changed)
      changed(rest)
    })
    removeCell.append(remove)
    const row = document.createElement('tr')
    row.append(name, value, removeCell)
    return row
  })
  byId('options-rows', HTMLElement).replaceChildren(...rows)
}

export interface PanelActions {
  reloadPlugin(url: string): void
  setLanguage(code: string): void
  setInterfaceLanguage(code: string): void
  setAIEnabled(on: boolean): void
  /** Adds an empty option row. */
  addOption(): void
  resetOptions(): void
  applyOptions(): void
  setContent(value: unknown): void
}

export function wirePanel(pluginUrl: string, actions: PanelActions): void {
  const urlInput = byId('plugin-url', HTMLInputElement)
  urlInput.value = pluginUrl
  byId('reload-plugin', HTMLButtonElement).addEventListener('click', () =>
    actions.reloadPlugin(urlInput.value.trim()),
  )

  const languageSelect = byId('story-language', HTMLSelectElement)
  languageSelect.addEventListener('change', () => actions.setLanguage(languageSelect.value))
  const interfaceSelect = byId('interface-language', HTMLSelectElement)
  interfaceSelect.addEventListener('change', () =>
    actions.setInterfaceLanguage(interfaceSelect.value),
  )

  const aiBox = byId('ai-enabled', HTMLInputElement)
  aiBox.addEventListener('change', () => actions.setAIEnabled(aiBox.checked))

  byId('add-option', HTMLButtonElement).addEventListener('click', () => {
    actions.addOption()
    const inputs = byId('options-rows', HTMLElement).querySelectorAll('input')
    inputs[inputs.length - 2]?.focus()
  })
  byId('reset-options', HTMLButtonElement).addEventListener('click', actions.resetOptions)
  byId('apply-options', HTMLButtonElement).addEventListener('click', actions.applyOptions)

  const contentInput = byId('set-content-input', HTMLTextAreaElement)
  const contentError = byId('set-content-error', HTMLElement)
  byId('set-content', HTMLButtonElement).addEventListener('click', () => {
    const raw = contentInput.value.trim()
    let value: unknown
    try {
      value = raw === '' ? undefined : JSON.parse(raw)
    } catch {
      contentError.textContent = 'Not valid JSON.'
      return
    }
    contentError.textContent = ''
    actions.setContent(value)
  })
  // The Sandbox's only way to set a value: "Reset value" (→ undefined).
  byId('reset-content', HTMLButtonElement).addEventListener('click', () => {
    contentError.textContent = ''
    actions.setContent(undefined)
  })
}
