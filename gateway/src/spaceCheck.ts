// The start's last check: can the token read the configured space? A wrong token or space
// stops the start (Node) or answers 503 (Workers) with the setting named, instead of failing
// every editor's upload later with a less clear error.
import type { Coordinator } from './coordinator'
import { SettingsError } from './settings'

export async function checkSpaceAccess(coordinator: Coordinator): Promise<void> {
  const answer = await coordinator.upstream({
    caller: { ip: 'gateway', session: 'start' },
    method: 'GET',
    path: '?per_page=1',
  })
  if (answer.status >= 200 && answer.status < 300) return
  if (answer.status === 401 || answer.status === 403)
    throw new SettingsError(
      'STORYBLOK_TOKEN',
      `Storyblok refused the token (${answer.status}): it is wrong, revoked, expired or not allowed to read this space's assets`,
    )
  if (answer.status === 404)
    throw new SettingsError(
      'STORYBLOK_SPACE_ID',
      'Storyblok knows no such space (404) for this token',
    )
  if (answer.rule === 'upstream-unreachable' || answer.rule === 'upstream-timeout')
    throw new SettingsError(
      'STORYBLOK_API_BASE',
      `Storyblok could not be reached (${answer.rule}); check STORYBLOK_API_BASE or STORYBLOK_REGION`,
    )
  throw new SettingsError(
    'STORYBLOK_TOKEN',
    `Storyblok answered ${answer.status} to a read of the space's assets with this token`,
  )
}
