// Dropping files on a drop zone in a component test.
import { flushPromises } from '@vue/test-utils'

/** Drops `files` on `target` (happy-dom's DragEvent carries no dataTransfer: it is given here). */
export async function dropFiles(target: Element, files: readonly File[]): Promise<void> {
  const transfer = new DataTransfer()
  for (const file of files) transfer.items.add(file)
  const event = new Event('drop', { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'dataTransfer', { value: transfer })
  target.dispatchEvent(event)
  // The file checks read the first bytes asynchronously.
  await flushPromises()
}
