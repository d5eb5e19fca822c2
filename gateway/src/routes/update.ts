// PUT …/assets/:id with `{ asset: {…} }`: the description of any asset of the space (texts,
// focus, their translations, internal tags); privacy and expiry only with their switches;
// nothing else (fields.ts). `meta_data` may carry the space's other keys only as the library
// holds them, so the asset is read first when it is sent.
import { isRecord } from '../../../src/domain/record'
import { passThrough, refuse, type Route } from './context'
import { checkFields, checkOtherMeta } from './fields'
import { libraryMeta } from './library'

export const update: Route = async (request) => {
  const { deps, caller, assetId, body } = request
  if (!isRecord(body) || !isRecord(body.asset))
    return refuse(400, 'body', 'The body must be { "asset": { … } }')
  const extra = Object.keys(body).find((key) => key !== 'asset')
  if (extra !== undefined)
    return refuse(403, `field:${extra}`, `${extra} cannot be sent through the gateway`, {
      field: extra,
    })
  const refused = checkFields(body.asset, deps.settings, { library: 'later' })
  if (refused) return refused
  const meta = body.asset.meta_data
  if (isRecord(meta)) {
    const library = await libraryMeta(request)
    if ('reply' in library) return library.reply
    const other = checkOtherMeta(meta, library.meta)
    if (other) return other
  }
  const answer = await deps.coordinator.upstream({
    caller: caller.key,
    method: 'PUT',
    path: `/${assetId}`,
    body: JSON.stringify({ asset: body.asset }),
  })
  return passThrough(answer)
}
