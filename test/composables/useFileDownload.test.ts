import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DownloadStatusError, useFileDownload } from '../../src/composables/useFileDownload'

const CDN = 'https://a.storyblok.com/f/1/logo.svg'
const BUCKET = 'https://s3.amazonaws.com/a.storyblok.com/f/1/logo.svg'

describe('useFileDownload', () => {
  let clicked: string[]
  beforeEach(() => {
    clicked = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download)
    })
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:local')
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
  })
  afterEach(() => vi.restoreAllMocks())

  it('fetches the S3 object URL when the browser refuses the CDN answer', async () => {
    const fetch = vi.fn(async (url: string) => {
      if (url === CDN) throw new TypeError('Failed to fetch')
      return new Response('<svg/>')
    })
    const { download, error } = useFileDownload({ fetch })
    await download(CDN, 'logo.svg')
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([CDN, BUCKET])
    expect(clicked).toEqual(['logo.svg'])
    expect(error.value).toBeNull()
  })

  it('reports a refusal of the server without trying elsewhere', async () => {
    const fetch = vi.fn(async () => new Response('gone', { status: 404 }))
    const { download, error, downloading } = useFileDownload({ fetch })
    await download(CDN, 'logo.svg')
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(error.value).toBeInstanceOf(DownloadStatusError)
    expect((error.value as DownloadStatusError).status).toBe(404)
    expect(clicked).toEqual([])
    expect(downloading.value).toBe(false)
  })

  it('reports the failure when the bucket does not answer either', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const { download, error } = useFileDownload({ fetch })
    await download(CDN, 'logo.svg')
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(error.value).toBeInstanceOf(TypeError)
  })
})
