// The asset as the library holds it, read before a write that must be compared with it: the
// `meta_data` an update or a replace sends back (fields.ts, `checkOtherMeta`).
import { isRecord } from '../../../src/domain/record'
import { assetOf, parseJson } from '../assetJson'
import { passThrough, refuse, succeeded, type Reply, type RouteRequest } from './context'

/** The library's `meta_data` of the asset, or the reply to give when it cannot be read. */
export async function libraryMeta({
  deps,
  caller,
  assetId,
  signal,
}: Pick<RouteRequest, 'deps' | 'caller' | 'assetId' | 'signal'>): Promise<
  { meta: Record<string, unknown> } | { reply: Reply }
> {
  const read = await deps.coordinator.upstream(
    { caller: caller.key, method: 'GET', path: `/${assetId}` },
    signal,
  )
  if (!succeeded(read)) return { reply: passThrough(read) }
  const asset = assetOf(parseJson(read.body))
  if (!asset) return { reply: refuse(502, 'upstream-answer', 'Storyblok answered unreadably') }
  return { meta: isRecord(asset.meta_data) ? asset.meta_data : {} }
}
