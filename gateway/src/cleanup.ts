// Removing an upload entry that nobody will finish: the sweep of expired tickets, and a sign
// whose browser went away before the answer came. Only an entry that was never finished is
// deleted; a finished asset may already be in use.
import { assetOf, isFinished, parseJson } from './assetJson'
import type { Caller } from './fairQueue'
import type { Send } from './upstream'

export type CleanupResult = 'deleted' | 'finished' | 'gone' | 'failed'

export async function deleteIfUnfinished(
  send: Send,
  caller: Caller,
  assetId: number,
): Promise<CleanupResult> {
  const read = await send({ caller, method: 'GET', path: `/${assetId}` })
  if (read.status === 404) return 'gone'
  const asset = read.status === 200 ? assetOf(parseJson(read.body)) : null
  if (!asset) return 'failed'
  if (isFinished(asset)) return 'finished'
  const removed = await send({ caller, method: 'DELETE', path: `/${assetId}` })
  return removed.status < 300 || removed.status === 404 ? 'deleted' : 'failed'
}
