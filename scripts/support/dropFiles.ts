// Drops files on an element of a page or frame as a user's drag from the desktop does: a `drop`
// event whose DataTransfer holds the files. Chromium lets no script build a desktop drag, so the
// files reach the page through a file input of our own first (Playwright's setInputFiles, from
// paths or from buffers), then travel in a real DataTransfer.
import type { Frame } from 'playwright-core'

export type DroppedFiles = Parameters<Frame['setInputFiles']>[1]

export async function dropFiles(
  frame: Frame,
  selector: string,
  files: DroppedFiles,
): Promise<void> {
  const handle = await frame.evaluateHandle(() => {
    const input = document.createElement('input')
    input.type = 'file'
    input.multiple = true
    input.hidden = true
    document.body.append(input)
    return input
  })
  const carrier = handle.asElement()
  if (!carrier) throw new Error('no file input for the drop')
  try {
    await carrier.setInputFiles(files)
    await frame.locator(selector).evaluate((target, input) => {
      const data = new DataTransfer()
      for (const file of input.files ?? []) data.items.add(file)
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(
          new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
        )
    }, carrier)
  } finally {
    await carrier.evaluate((input) => input.remove())
    await carrier.dispose()
  }
}
