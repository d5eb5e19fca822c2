// PUT …/assets/:id with `{ asset: {…} }`: the description of any asset of the space (texts,
// focus, their translations); privacy only with `allowPrivacyChange`; nothing else (fields.ts).
import { isRecord } from '../../../src/domain/record'
import { passThrough, refuse, type Route } from './context'
import { checkFields } from './fields'

export const update: Route = async ({ deps, caller, assetId, body }) => {
  if (!isRecord(body) || !isRecord(body.asset))
    return refuse(400, 'body', 'The body must be { "asset": { … } }')
  const extra = Object.keys(body).find((key) => key !== 'asset')
  if (extra !== undefined)
    return refuse(403, `field:${extra}`, `${extra} cannot be sent through the gateway`, {
      field: extra,
    })
  const refused = checkFields(body.asset, deps.settings)
  if (refused) return refused
  const answer = await deps.coordinator.upstream({
    caller: caller.key,
    method: 'PUT',
    path: `/${assetId}`,
    body: JSON.stringify({ asset: body.asset }),
  })
  return passThrough(answer)
}
