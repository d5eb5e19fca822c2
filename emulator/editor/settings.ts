// What the page knows about the emulator that serves it: page.ts inlines it into index.html as
// JSON, and the page reads it back here.
import { isRecord } from '../../src/domain/record.ts'

export interface EditorSettings {
  spaceId: number
  /** The Management API personal access token (sent bare). */
  token: string
  /** The Management API OAuth token (sent as `Bearer <oauthToken>`). */
  oauthToken: string
  /** The Delivery API token for private assets. */
  assetToken: string
  /** What the state carries as `token`. */
  previewToken: string
  pluginUrl: string
  apiBaseUrl: string
  /** The upload gateway in front of this emulator (`npm run dev` starts one); `''` for none. */
  gatewayUrl: string
  /** The option names the field type declares (the project's `field-plugin.config.json`), in order. */
  optionNames: string[]
}

export function readSettings(element: Element | null): EditorSettings {
  const parsed: unknown = JSON.parse(element?.textContent ?? '{}')
  if (!isRecord(parsed)) throw new Error('The emulator settings are missing')
  const text = (key: string): string => {
    const value = parsed[key]
    return typeof value === 'string' ? value : ''
  }
  return {
    spaceId: Number(parsed['spaceId']),
    token: text('token'),
    oauthToken: text('oauthToken'),
    assetToken: text('assetToken'),
    previewToken: text('previewToken'),
    pluginUrl: text('pluginUrl'),
    apiBaseUrl: text('apiBaseUrl'),
    gatewayUrl: text('gatewayUrl'),
    optionNames: Array.isArray(parsed['optionNames'])
      ? parsed['optionNames'].filter((name): name is string => typeof name === 'string')
      : [],
  }
}
