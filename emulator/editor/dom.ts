// The page's element lookups: index.html holds every element the scripts use.

/** The element with `id`, which must be a `type`: a missing one is a bug in index.html. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id)
  if (!(element instanceof type)) throw new Error(`#${id} is missing`)
  return element
}

export type Tone = '' | 'ok' | 'bad'

/** The status in the top bar. */
export function setStatus(message: string, tone: Tone): void {
  const status = byId('plugin-status', HTMLElement)
  status.textContent = message
  status.className = `status ${tone}`
}
