// The Management API client the integration tests run against the local Storyblok: no rate
// limit, no jitter, and backoff waits of a few ms (the policy is tested in test/api; here only
// the outcome counts).
import type { Emulator } from '../../emulator/server'
import { createManagementClient, type ManagementClientOptions } from '../../src/api/client'
import { defaultSleep, type Sleep } from '../../src/api/abort'
import type { ManagementClient } from '../../src/api/types'

export const quickSleep: Sleep = (ms, signal) => defaultSleep(Math.min(ms, 5), signal)

export function emulatorClient(
  emulator: Emulator,
  options: Partial<ManagementClientOptions> = {},
): ManagementClient {
  return createManagementClient({
    baseUrl: emulator.apiBaseUrl,
    spaceId: emulator.spaceId,
    token: emulator.token,
    rateLimit: null,
    sleep: quickSleep,
    random: () => 0,
    ...options,
  })
}
