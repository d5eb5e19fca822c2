// The story page: one block with several fields of the same plugin in the sidebar's column, as a
// story page shows them in the Visual Editor, each iframe resized on its `heightChange`. It
// speaks the editor page's protocol with the editor page's own classes (field.ts, frame.ts,
// messages.ts), one set per field, and notes when each iframe was created, loaded and resized
// (`window.__story`), in this page's `performance.now()`: the load-time benchmark reads them
// (scripts/bench/storyPage.ts).
// `?fields=<n>` (1 to 20, default 5) fields; `content=<JSON>`
// is every field's value, `content<i>=<JSON>` field i's (from 1); the other parameters are the
// editor page's (habits.ts). No side panel and no asset picker: this page is for loading.
import { byId, type Tone } from './dom.ts'
import { Field } from './field.ts'
import { PluginFrame, type FrameHost } from './frame.ts'
import { readHabits, type Habits } from './habits.ts'
import { Messages } from './messages.ts'
import { loadOptions, withOverrides } from './options.ts'
import { readSettings } from './settings.ts'

const DEFAULT_FIELDS = 5
const MAX_FIELDS = 20

/** What the page notes, in its own `performance.now()` (ms since its navigation started). */
interface StoryRecord {
  /** When each field's iframe was created. */
  created: number[]
  /** When each field's `loaded` arrived. */
  loaded: (number | null)[]
  /** Every new height of every field, in order. */
  resizes: { field: number; height: number; at: number }[]
  /** Each field's value as the plugin last wrote it (or as the page started it). */
  content: unknown[]
}

const settings = readSettings(document.getElementById('emulator-settings'))
const query = new URLSearchParams(location.search)
const { habits, problems } = readHabits(query, settings.spaceId, settings)

function fieldCount(): number {
  const text = query.get('fields')
  const count = Number(text ?? DEFAULT_FIELDS)
  if (Number.isInteger(count) && count >= 1 && count <= MAX_FIELDS) return count
  problems.push(`fields=${text} is not a number from 1 to ${MAX_FIELDS}`)
  return DEFAULT_FIELDS
}

/** Field `index`'s value: `content<index + 1>=`, else the one `content=` gives every field. */
function contentOf(index: number): unknown {
  const text = query.get(`content${index + 1}`)
  if (text === null) return habits.content
  try {
    return JSON.parse(text)
  } catch {
    problems.push(`content${index + 1}= is not valid JSON`)
    return habits.content
  }
}

const record: StoryRecord = { created: [], loaded: [], resizes: [], content: [] }
Object.defineProperty(window, '__story', { value: record })

/** A field's place in the column: its heading with a status, and the slot of its iframe. */
function fieldElement(index: number): { item: HTMLElement; host: FrameHost } {
  const item = document.createElement('li')
  item.className = 'story__field'
  const heading = document.createElement('h2')
  heading.textContent = `Asset ${index + 1}`
  const status = document.createElement('span')
  status.className = 'status'
  heading.append(status)
  const slot = document.createElement('div')
  item.append(heading, slot)
  const host: FrameHost = {
    inline: slot,
    showError: (text) => void (text && problems.push(`field ${index + 1}: ${text}`)),
    setStatus(message: string, tone: Tone) {
      status.textContent = message
      status.className = `status ${tone}`
      // 'ok' is the status the frame sets when the plugin's `loaded` arrives.
      if (tone === 'ok') record.loaded[index] ??= performance.now()
    },
    resized: (height) => void record.resizes.push({ field: index, height, at: performance.now() }),
  }
  return { item, host }
}

function mountField(index: number, fieldHabits: Habits): HTMLElement {
  const uid = crypto.randomUUID()
  const options = withOverrides(loadOptions(settings), habits.options)
  const field = new Field(crypto.randomUUID(), options, settings, fieldHabits)
  const { item, host } = fieldElement(index)
  const frame = new PluginFrame(
    query.get('plugin') || settings.pluginUrl,
    uid,
    habits.sandbox,
    () => undefined,
    host,
  )
  const messages = new Messages(uid, field, frame, fieldHabits, {
    log: () => undefined,
    showContent: (content) => void (record.content[index] = content),
  })
  window.addEventListener('message', messages.onMessage)
  record.content[index] = field.content
  record.loaded[index] = null
  // In the column first, then the iframe: it loads where it is shown.
  byId('story-fields', HTMLElement).append(item)
  record.created[index] = performance.now()
  frame.mount('inline')
  return item
}

const count = fieldCount()
const width = query.get('width')
if (width !== null && /^\d{3,4}$/.test(width))
  document.documentElement.style.setProperty('--sidebar-width', `${width}px`)
else if (width !== null) problems.push(`width=${width} is not a width in pixels`)
for (let index = 0; index < count; index++)
  mountField(index, { ...habits, content: contentOf(index) })
byId('story-problems', HTMLElement).textContent = problems.join('. ')
