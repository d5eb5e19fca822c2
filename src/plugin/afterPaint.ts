// Work that the first render does not need (the library read, the tag catalogue, the folders,
// the clean-up after an earlier iframe) waits until the frame is painted. On a story page every
// field of the plugin shares one main thread (one site, one renderer), so work started before a
// field's first paint delays its own first report and the next fields' first render.

export interface AfterPaintOptions {
  /** @default globalThis.requestAnimationFrame */
  requestAnimationFrame?: (callback: () => void) => unknown
  /** @default globalThis.setTimeout */
  setTimeout?: (callback: () => void, ms: number) => unknown
  /**
   * Resolves after this long even without an animation frame: Chromium runs none in a
   * cross-site frame that is out of view, and the work must not wait for a scroll.
   * @default 1000
   */
  fallbackMs?: number
}

/** Resolves once the frame that shows the current state has been painted. */
export type AfterPaint = () => Promise<void>

export function createAfterPaint(options: AfterPaintOptions = {}): AfterPaint {
  const {
    requestAnimationFrame: nextFrame = (callback) => globalThis.requestAnimationFrame(callback),
    setTimeout: later = (callback, ms) => globalThis.setTimeout(callback, ms),
    fallbackMs = 1000,
  } = options
  return () =>
    new Promise<void>((resolve) => {
      later(resolve, fallbackMs)
      // A task queued from an animation frame runs after that frame's paint, and after the
      // ResizeObserver callbacks through which the SDK reports the plugin's height.
      nextFrame(() => later(resolve, 0))
    })
}
