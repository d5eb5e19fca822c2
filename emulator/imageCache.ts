// The image service's results, kept per URL in memory so that a page showing the same preview
// again does not resize again. Bounded: the least recently used go first past the budgets.

/** One image-service answer. */
export interface RenderedImage {
  body: Buffer
  contentType: string
  /** Quoted MD5 of `body`. */
  etag: string
}

/** Results per URL, least recently used dropped first, within a byte and an entry budget. */
export class ImageCache {
  private readonly entries = new Map<string, Promise<RenderedImage>>()
  private readonly sizes = new Map<string, number>()
  private bytes = 0

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxEntries = 500,
  ) {}

  /** The cached result for `key`, or `render()`'s (two requests at once render once). */
  get(key: string, render: () => Promise<RenderedImage>): Promise<RenderedImage> {
    const cached = this.entries.get(key)
    if (cached) {
      this.entries.delete(key)
      this.entries.set(key, cached)
      return cached
    }
    const rendering = render()
    this.entries.set(key, rendering)
    rendering.then(
      (image) => {
        if (this.entries.get(key) !== rendering) return
        this.sizes.set(key, image.body.length)
        this.bytes += image.body.length
        this.evict()
      },
      () => this.forget(key),
    )
    return rendering
  }

  private forget(key: string): void {
    this.entries.delete(key)
    this.bytes -= this.sizes.get(key) ?? 0
    this.sizes.delete(key)
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes && this.entries.size <= this.maxEntries) return
      this.forget(key)
    }
  }

  clear(): void {
    this.entries.clear()
    this.sizes.clear()
    this.bytes = 0
  }
}
