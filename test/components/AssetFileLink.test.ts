// The asset's file line: an SVG is downloaded, never opened, and a download that fails says why.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AssetFileLink from '../../src/components/AssetFileLink.vue'
import { locale } from '../../src/i18n/locale'

const SVG = 'https://a.storyblok.com/f/1/logo.svg'

afterEach(() => {
  vi.unstubAllGlobals()
  locale.value = 'en'
})

function mountLink() {
  return mount(AssetFileLink, {
    props: { url: SVG, src: SVG, name: 'logo.svg', contentType: 'image/svg+xml' },
  })
}

describe('AssetFileLink', () => {
  it('offers an SVG as a download, not as a link', () => {
    const wrapper = mountLink()
    expect(wrapper.find('a').exists()).toBe(false)
    expect(wrapper.get('button').text()).toBe('Download')
  })

  it('says why a download failed, in the editor’s language', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 403 }))
    const wrapper = mountLink()
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe(
      'The file could not be downloaded: the server answered 403. Try again, or download it from the asset library.',
    )
    locale.value = 'de'
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('der Server antwortete 403')
  })

  it('names a refused or missing answer when neither the CDN nor the bucket could be read', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    vi.stubGlobal('fetch', fetch)
    const wrapper = mountLink()
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[role="alert"]').text()).toContain('no answer the browser may read')
  })
})
