// @ts-check
// The local Visual Editor: embeds a field plugin exactly as Storyblok's editor does and speaks
// its postMessage protocol (see /work/shared/reference/field-plugin.md and the SDK's message
// guards in @storyblok/field-plugin). Plain browser JS, no build step. Data from the plugin or
// the API is only ever rendered with textContent.

/**
 * @typedef {{ spaceId: number, token: string, assetToken: string, previewToken: string, pluginUrl: string, apiBaseUrl: string }} Settings
 * @typedef {{ name: string, value: string }} Option
 * @typedef {{ width?: string, height?: string }} ModalSize
 * @typedef {Record<string, unknown>} Message
 */

const FIELD_NAME = 'asset'
const FIELD_TYPE = 'asset-uploader'
const STORY_ID = 100000001
const USER_ID = 1
const OPTIONS_STORAGE_KEY = 'local-storyblok:options'
const LOADED_TIMEOUT_MS = 8000
const LOG_LIMIT = 60

/** @returns {Settings} */
function readSettings() {
  const element = document.getElementById('emulator-settings')
  /** @type {unknown} */
  const parsed = JSON.parse(element?.textContent ?? '{}')
  if (!isObject(parsed)) throw new Error('The emulator settings are missing')
  return {
    spaceId: Number(parsed.spaceId),
    token: String(parsed.token ?? ''),
    assetToken: String(parsed.assetToken ?? ''),
    previewToken: String(parsed.previewToken ?? ''),
    pluginUrl: String(parsed.pluginUrl ?? ''),
    apiBaseUrl: String(parsed.apiBaseUrl ?? ''),
  }
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
function byId(id, type) {
  const element = document.getElementById(id)
  if (!(element instanceof type)) throw new Error(`#${id} is missing`)
  return element
}

function randomId() {
  return crypto.randomUUID()
}

const settings = readSettings()
const query = new URLSearchParams(location.search)

// ---- State -------------------------------------------------------------------------------

/** The field's stored value (undefined = never set, as in the plugin editor). */
let content = /** @type {unknown} */ (undefined)
let storyLanguage = ''
let interfaceLanguage = 'en'
let modalOpen = false
let enablePortalModal = false
let loadedOnce = false
/** @type {ModalSize | undefined} */
let modalSize
/** @type {number | undefined} */
let reportedHeight
/** @type {HTMLIFrameElement | undefined} */
let frame
/** @type {string | undefined} the callbackId of the open asset picker */
let pickerCallbackId
/** @type {string | undefined} the `field` the open asset picker was asked for */
let pickerField
/** @type {ReturnType<typeof setTimeout> | undefined} */
let loadedTimer

const uid = randomId()
const blockUid = randomId()
let pluginUrl = query.get('plugin') || settings.pluginUrl
let pluginOrigin = ''

/** @returns {Option[]} */
function defaultOptions() {
  return [
    { name: 'managementToken', value: settings.token },
    { name: 'apiBaseUrl', value: settings.apiBaseUrl },
    { name: 'region', value: '' },
    { name: 'assetFolderId', value: '' },
    { name: 'assetToken', value: settings.assetToken },
    { name: 'accept', value: '' },
    { name: 'maxFileSize', value: '' },
    { name: 'rateLimit', value: '' },
    { name: 'requireAlt', value: '' },
  ]
}

/** @returns {Option[]} */
function loadOptions() {
  try {
    /** @type {unknown} */
    const stored = JSON.parse(localStorage.getItem(OPTIONS_STORAGE_KEY) ?? 'null')
    if (
      Array.isArray(stored) &&
      stored.every((o) => isObject(o) && typeof o.name === 'string' && typeof o.value === 'string')
    ) {
      return stored.map((o) => ({ name: String(o.name), value: String(o.value) }))
    }
  } catch {
    // Unreadable storage: fall back to the defaults.
  }
  return defaultOptions()
}

let options = loadOptions()

function saveOptions() {
  try {
    localStorage.setItem(OPTIONS_STORAGE_KEY, JSON.stringify(options))
  } catch {
    // Storage full or disabled: the options still apply to this page.
  }
}

const initialContent = query.get('content')
if (initialContent !== null) {
  try {
    content = JSON.parse(initialContent)
  } catch {
    byId('set-content-error', HTMLElement).textContent =
      'The ?content= parameter is not valid JSON; starting with undefined.'
  }
}

// ---- What the editor sends -----------------------------------------------------------------

function story() {
  /** @type {Record<string, unknown>} */
  const storyContent = { component: 'page', _uid: blockUid }
  if (content !== undefined) storyContent[FIELD_NAME] = content
  return {
    id: STORY_ID,
    name: 'Local story',
    slug: 'local-story',
    full_slug: 'local-story',
    content: storyContent,
  }
}

/** The state part of `loaded` / `state-changed` (names as in the messages, not the SDK's data). */
function state() {
  return {
    language: storyLanguage,
    interfaceLanguage,
    spaceId: settings.spaceId,
    userId: USER_ID,
    story: story(),
    storyId: STORY_ID,
    blockId: blockUid,
    token: settings.previewToken,
    schema: {
      field_type: FIELD_TYPE,
      options: options
        .filter((o) => o.name.trim() !== '')
        .map((o) => ({ name: o.name, value: String(o.value) })),
      translatable: true,
    },
    model: content,
    isAIEnabled: false,
    isModalOpen: modalOpen,
    releases: [],
    releaseId: undefined,
  }
}

/** @param {Message} message */
function post(message) {
  const target = frame?.contentWindow
  if (!target || !pluginOrigin) return
  target.postMessage(message, pluginOrigin)
  logMessage('→', message)
}

/** @param {string | undefined} callbackId */
function postState(callbackId) {
  post({
    action: 'state-changed',
    uid,
    ...(callbackId === undefined ? {} : { callbackId }),
    ...state(),
  })
}

// ---- The iframe ----------------------------------------------------------------------------

/** @returns {string | undefined} the iframe src, or undefined when the plugin URL is not usable */
function pluginSrc() {
  let url
  try {
    url = new URL(pluginUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  pluginOrigin = url.origin
  url.searchParams.set('protocol', location.protocol)
  url.searchParams.set('host', location.host)
  url.searchParams.set('uid', uid)
  return url.toString()
}

/** @param {HTMLElement} slot */
function createFrame(slot) {
  frame?.remove()
  frame = undefined
  const src = pluginSrc()
  const error = byId('plugin-error', HTMLElement)
  if (!src) {
    error.textContent = `Not a usable plugin URL: ${pluginUrl}`
    setStatus('No plugin', 'bad')
    return
  }
  error.textContent = ''
  const element = document.createElement('iframe')
  element.title = 'Field plugin'
  element.src = src
  element.setAttribute('allow', 'clipboard-read; clipboard-write')
  if (reportedHeight !== undefined && slot.id === 'plugin-slot')
    element.style.height = `${reportedHeight}px`
  slot.append(element)
  frame = element
  setStatus('Waiting for the plugin…', '')
  clearTimeout(loadedTimer)
  loadedTimer = setTimeout(() => {
    setStatus(
      `The plugin did not answer. Is it running at ${pluginUrl}, and does it accept messages from ${location.origin}?`,
      'bad',
    )
  }, LOADED_TIMEOUT_MS)
}

function recreateInline() {
  createFrame(byId('plugin-slot', HTMLElement))
}

/**
 * @param {boolean} open
 * @param {ModalSize | undefined} size
 */
function setModal(open, size) {
  const wasOpen = modalOpen
  modalOpen = open
  if (open) modalSize = size
  const backdrop = byId('modal-backdrop', HTMLElement)
  const modal = byId('modal', HTMLElement)
  const inline = byId('plugin-slot', HTMLElement)
  backdrop.hidden = !open
  if (enablePortalModal) {
    // As the Visual Editor does: the plugin is re-created inside the modal, and inline again on close.
    inline.classList.remove('is-modal')
    modal.hidden = !open
    applySize(modal, open ? modalSize : undefined)
    if (open !== wasOpen) {
      if (open) createFrame(byId('modal-slot', HTMLElement))
      else recreateInline()
    }
  } else {
    // Without a portal the iframe stays where it is (moving an iframe reloads it) and is restyled.
    modal.hidden = true
    inline.classList.toggle('is-modal', open)
    applySize(inline, open ? modalSize : undefined)
    if (frame)
      frame.style.height = open ? '' : reportedHeight === undefined ? '' : `${reportedHeight}px`
  }
}

/**
 * @param {HTMLElement} element
 * @param {ModalSize | undefined} size
 */
function applySize(element, size) {
  element.style.width =
    typeof size?.width === 'string' || typeof size?.width === 'number' ? cssLength(size.width) : ''
  element.style.height =
    typeof size?.height === 'string' || typeof size?.height === 'number'
      ? cssLength(size.height)
      : ''
}

/** @param {string | number} value */
function cssLength(value) {
  return typeof value === 'number' || /^\d+(\.\d+)?$/.test(value) ? `${value}px` : value
}

// ---- Messages from the plugin --------------------------------------------------------------

/** @param {MessageEvent} event */
function onMessage(event) {
  if (!frame || event.origin !== pluginOrigin || event.source !== frame.contentWindow) return
  /** @type {unknown} */
  const data = event.data
  if (!isObject(data) || data.uid !== uid || typeof data.event !== 'string') return
  if (data.action !== 'plugin-changed' && data.action !== 'prompt-ai') return
  logMessage('←', data)
  const callbackId = typeof data.callbackId === 'string' ? data.callbackId : undefined

  switch (data.event) {
    case 'loaded': {
      if (typeof data.enablePortalModal === 'boolean') enablePortalModal = data.enablePortalModal
      loadedOnce = true
      clearTimeout(loadedTimer)
      setStatus('Plugin loaded', 'ok')
      post({
        action: 'loaded',
        uid,
        ...(callbackId === undefined ? {} : { callbackId }),
        ...state(),
      })
      return
    }
    case 'update': {
      if (!('model' in data)) return
      content = data.model
      renderContent()
      postState(callbackId)
      return
    }
    case 'toggleModal': {
      if (typeof data.status !== 'boolean') return
      const size = isObject(data.modalSize) ? data.modalSize : undefined
      setModal(data.status, size)
      postState(callbackId)
      return
    }
    case 'heightChange': {
      if (typeof data.height !== 'number' || !Number.isFinite(data.height)) return
      reportedHeight = Math.max(0, Math.ceil(data.height))
      if (!modalOpen && frame) frame.style.height = `${reportedHeight}px`
      return
    }
    case 'showAssetModal': {
      pickerCallbackId = callbackId
      pickerField = typeof data.field === 'string' ? data.field : undefined
      void openAssetPicker()
      return
    }
    case 'getContext': {
      post({ action: 'get-context', uid, callbackId, story: story() })
      return
    }
    case 'getUserContext': {
      post({
        action: 'get-user-context',
        uid,
        callbackId,
        user: { isSpaceAdmin: true, permissions: {} },
      })
      return
    }
    case 'promptAI': {
      post({
        action: 'prompt-ai',
        uid,
        callbackId,
        aiResponse: { ok: false, error: 'AI is not available in the local Storyblok' },
      })
      return
    }
    case 'previewDimension': {
      post({ action: 'preview-dimension', uid, callbackId })
      return
    }
    default:
      return
  }
}

// ---- The asset picker (the editor's native asset modal) ------------------------------------

/** @param {string} filename the Management API's S3 URL */
function cdnUrl(filename) {
  return filename.replace('/s3.amazonaws.com/', '/')
}

/** @param {unknown} value */
function text(value) {
  return typeof value === 'string' ? value : ''
}

async function openAssetPicker() {
  const dialog = byId('asset-picker', HTMLDialogElement)
  const list = byId('asset-picker-list', HTMLElement)
  const status = byId('asset-picker-status', HTMLElement)
  list.replaceChildren()
  status.textContent = 'Loading assets…'
  if (!dialog.open) dialog.showModal()
  const token = options.find((o) => o.name === 'managementToken')?.value || settings.token
  let assets
  try {
    const response = await fetch(
      `${location.origin}/v1/spaces/${settings.spaceId}/assets?per_page=100`,
      {
        headers: { Authorization: token },
      },
    )
    /** @type {unknown} */
    const body = await response.json()
    if (!response.ok || !isObject(body) || !Array.isArray(body.assets)) {
      status.textContent = `Could not list assets (HTTP ${response.status}).`
      return
    }
    assets = body.assets.filter(
      (a) => isObject(a) && typeof a.filename === 'string' && typeof a.content_type === 'string',
    )
  } catch {
    status.textContent = 'Could not list assets (network error).'
    return
  }
  status.textContent = assets.length === 0 ? 'No uploaded assets yet.' : `${assets.length} asset(s)`
  for (const asset of assets) list.append(assetTile(asset))
}

/** @param {Record<string, any>} asset */
function assetTile(asset) {
  const url = cdnUrl(String(asset.filename))
  const item = document.createElement('li')
  const button = document.createElement('button')
  button.type = 'button'
  const name = String(asset.short_filename ?? url.split('/').pop() ?? '')
  button.setAttribute('aria-label', `Select ${name}`)
  if (String(asset.content_type).startsWith('image/') && asset.is_private !== true) {
    const image = document.createElement('img')
    image.className = 'thumb'
    image.alt = text(asset.alt)
    image.loading = 'lazy'
    image.src = String(asset.content_type) === 'image/svg+xml' ? url : `${url}/m/300x0`
    button.append(image)
  } else {
    const placeholder = document.createElement('span')
    placeholder.className = 'thumb'
    placeholder.textContent = asset.is_private === true ? 'Private' : String(asset.content_type)
    button.append(placeholder)
  }
  const label = document.createElement('span')
  label.className = 'name'
  label.textContent = name
  button.append(label)
  button.addEventListener('click', () => chooseAsset(asset, url))
  item.append(button)
  return item
}

/**
 * @param {Record<string, any>} asset
 * @param {string} url
 */
function chooseAsset(asset, url) {
  byId('asset-picker', HTMLDialogElement).close()
  post({
    action: 'asset-selected',
    uid,
    callbackId: pickerCallbackId,
    ...(pickerField === undefined ? {} : { field: pickerField }),
    filename: url,
    asset: {
      id: asset.id,
      fieldtype: 'asset',
      filename: url,
      name: '',
      alt: text(asset.alt),
      title: text(asset.title),
      copyright: text(asset.copyright),
      focus: text(asset.focus),
      source: text(asset.source),
      meta_data: isObject(asset.meta_data) ? asset.meta_data : {},
      is_external_url: false,
      is_private: asset.is_private === true,
    },
  })
  pickerCallbackId = undefined
  pickerField = undefined
}

// ---- Side panel ----------------------------------------------------------------------------

/**
 * @param {string} message
 * @param {'' | 'ok' | 'bad'} tone
 */
function setStatus(message, tone) {
  const status = byId('plugin-status', HTMLElement)
  status.textContent = message
  status.className = `status ${tone}`
}

function renderContent() {
  byId('field-content', HTMLElement).textContent =
    content === undefined ? '' : JSON.stringify(content, null, 2)
}

function renderOptions() {
  const body = byId('options-rows', HTMLElement)
  body.replaceChildren()
  options.forEach((option, index) => {
    const row = document.createElement('tr')
    const nameCell = document.createElement('td')
    const name = document.createElement('input')
    name.value = option.name
    name.setAttribute('aria-label', `Option ${index + 1} name`)
    name.spellcheck = false
    name.addEventListener('change', () => {
      option.name = name.value
      optionsChanged()
    })
    nameCell.append(name)
    const valueCell = document.createElement('td')
    const value = document.createElement('input')
    value.value = option.value
    value.setAttribute('aria-label', `Option ${option.name || index + 1} value`)
    value.spellcheck = false
    value.addEventListener('change', () => {
      option.value = value.value
      optionsChanged()
    })
    valueCell.append(value)
    const removeCell = document.createElement('td')
    const remove = document.createElement('button')
    remove.type = 'button'
    remove.textContent = '×'
    remove.setAttribute('aria-label', `Remove option ${option.name || index + 1}`)
    remove.addEventListener('click', () => {
      options = options.filter((o) => o !== option)
      renderOptions()
      optionsChanged()
    })
    removeCell.append(remove)
    row.append(nameCell, valueCell, removeCell)
    body.append(row)
  })
}

function optionsChanged() {
  saveOptions()
  postState(undefined)
}

/** @param {string} direction @param {Record<string, unknown>} message */
function logMessage(direction, message) {
  const log = byId('message-log', HTMLElement)
  const item = document.createElement('li')
  const kind = direction === '←' ? String(message.event) : String(message.action)
  const callback =
    typeof message.callbackId === 'string' ? ` #${message.callbackId.slice(0, 8)}` : ''
  // Not `toLocaleTimeString()`: its first call loads locale data for some 80 ms, which delayed the
  // answer to the plugin's first message (the real editor has no such log).
  item.textContent = `${new Date().toISOString().slice(11, 19)} ${direction} ${kind}${callback}`
  log.append(item)
  while (log.childElementCount > LOG_LIMIT) log.firstElementChild?.remove()
  log.scrollTop = log.scrollHeight
}

function reloadPlugin() {
  if (modalOpen) {
    modalOpen = false
    byId('modal-backdrop', HTMLElement).hidden = true
    byId('modal', HTMLElement).hidden = true
    const inline = byId('plugin-slot', HTMLElement)
    inline.classList.remove('is-modal')
    applySize(inline, undefined)
  }
  recreateInline()
}

function wireSidePanel() {
  const urlInput = byId('plugin-url', HTMLInputElement)
  urlInput.value = pluginUrl
  byId('reload-plugin', HTMLButtonElement).addEventListener('click', () => {
    pluginUrl = urlInput.value.trim()
    const next = new URL(location.href)
    next.searchParams.set('plugin', pluginUrl)
    history.replaceState(null, '', next)
    reloadPlugin()
  })

  const languageSelect = byId('story-language', HTMLSelectElement)
  languageSelect.addEventListener('change', () => api.setLanguage(languageSelect.value))
  const interfaceSelect = byId('interface-language', HTMLSelectElement)
  interfaceSelect.addEventListener('change', () => api.setInterfaceLanguage(interfaceSelect.value))

  byId('add-option', HTMLButtonElement).addEventListener('click', () => {
    options.push({ name: '', value: '' })
    renderOptions()
    const inputs = byId('options-rows', HTMLElement).querySelectorAll('input')
    inputs[inputs.length - 2]?.focus()
  })
  byId('reset-options', HTMLButtonElement).addEventListener('click', () => {
    options = defaultOptions()
    renderOptions()
    optionsChanged()
  })
  byId('apply-options', HTMLButtonElement).addEventListener('click', () => {
    saveOptions()
    reloadPlugin()
  })

  const contentInput = byId('set-content-input', HTMLTextAreaElement)
  const contentError = byId('set-content-error', HTMLElement)
  byId('set-content', HTMLButtonElement).addEventListener('click', () => {
    const raw = contentInput.value.trim()
    if (raw === '') {
      contentError.textContent = ''
      api.setContent(undefined)
      return
    }
    try {
      const value = JSON.parse(raw)
      contentError.textContent = ''
      api.setContent(value)
    } catch {
      contentError.textContent = 'Not valid JSON.'
    }
  })

  const picker = byId('asset-picker', HTMLDialogElement)
  byId('asset-picker-cancel', HTMLButtonElement).addEventListener('click', () => picker.close())
  // Escape closes the dialog natively; like Cancel, nothing is sent to the plugin.
  picker.addEventListener('close', () => {
    pickerCallbackId = undefined
    pickerField = undefined
  })
}

// ---- Test hooks ----------------------------------------------------------------------------

const api = {
  getContent: () => content,
  /** @param {unknown} value */
  setContent(value) {
    content = value
    renderContent()
    postState(undefined)
  },
  /** @param {Record<string, unknown>} record */
  setOptions(record) {
    options = Object.entries(record).map(([name, value]) => ({ name, value: String(value) }))
    saveOptions()
    renderOptions()
    postState(undefined)
  },
  /** @param {string} code '' for the default language */
  setLanguage(code) {
    storyLanguage = code === 'default' ? '' : code
    byId('story-language', HTMLSelectElement).value = storyLanguage
    postState(undefined)
  },
  /** @param {string} code */
  setInterfaceLanguage(code) {
    interfaceLanguage = code
    byId('interface-language', HTMLSelectElement).value = code
    postState(undefined)
  },
  isModalOpen: () => modalOpen,
  iframe: () => frame,
  isLoaded: () => loadedOnce,
}

Object.defineProperty(window, '__editor', { value: api, configurable: true })

window.addEventListener('message', onMessage)
wireSidePanel()
renderOptions()
renderContent()
recreateInline()
