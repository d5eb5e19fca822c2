// The browser's own floor for the S3 POST: a page on the plugin's origin that posts the signed
// form with a bare XMLHttpRequest (no Vue, no progress UI, no pipeline).
import type { Browser } from 'playwright-core'
import { isRecord } from '../../src/domain/record.ts'
import type { TestFile } from './files.ts'
import { newContext } from './pluginPage.ts'

export interface RawXhrPage {
  /** POSTs the signed form with the file, as src/api/s3.ts builds it; resolves with the ms it took. */
  post(postUrl: string, fields: Record<string, string>): Promise<number>
  close(): Promise<void>
}

/**
 * The browser's own floor: a page on the plugin's origin that holds `file` in a file input and
 * POSTs it with a bare XMLHttpRequest (no Vue, no progress UI, no pipeline).
 */
export async function openRawXhrPage(
  browser: Browser,
  url: string,
  file: TestFile,
): Promise<RawXhrPage> {
  const context = await newContext(browser)
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.evaluate(() => {
      const input = document.createElement('input')
      input.type = 'file'
      input.id = 'bench-file'
      document.body.append(input)
    })
    await page.locator('#bench-file').setInputFiles(file.path)
    return {
      async post(postUrl, fields) {
        const result: unknown = await page.evaluate(
          ({ postUrl: target, fields: formFields }) => {
            const input = document.querySelector('#bench-file')
            const picked = input instanceof HTMLInputElement ? input.files?.[0] : undefined
            if (!picked) throw new Error('no file in the input')
            const form = new FormData()
            for (const [name, value] of formFields) form.append(name, value)
            form.append('file', picked)
            return new Promise<{ ms: number; status: number }>((resolve, reject) => {
              const xhr = new XMLHttpRequest()
              const started = performance.now()
              xhr.open('POST', target)
              xhr.onload = () => resolve({ ms: performance.now() - started, status: xhr.status })
              xhr.onerror = () => reject(new Error('XHR failed'))
              xhr.send(form)
            })
          },
          { postUrl, fields: Object.entries(fields) },
        )
        if (!isRecord(result) || typeof result['ms'] !== 'number' || result['status'] !== 204) {
          throw new Error(`raw XHR upload failed: ${JSON.stringify(result)}`)
        }
        return result['ms']
      },
      close: () => context.close(),
    }
  } catch (error) {
    await context.close()
    throw error
  }
}
