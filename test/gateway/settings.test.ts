// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parseSettings, SettingsError } from '../../gateway/src/settings'

const SECRET = 'a-ticket-secret-of-at-least-32-chars!'
const VALID = {
  STORYBLOK_TOKEN: 'token-value-1234',
  STORYBLOK_SPACE_ID: '288868932106293',
  GATEWAY_ALLOWED_ORIGINS: 'https://plugins.example.com, http://localhost:8080',
  GATEWAY_TICKET_SECRET: SECRET,
}

/** The SettingsError of parsing `env`, or a failure when it parses. */
function errorOf(env: Record<string, string | undefined>): SettingsError {
  try {
    parseSettings(env)
  } catch (error) {
    if (error instanceof SettingsError) return error
    throw error
  }
  throw new Error('the settings parsed')
}

describe('parseSettings', () => {
  it('reads a minimal environment with every default', () => {
    const settings = parseSettings(VALID)
    expect(settings).toMatchObject({
      spaceId: 288868932106293,
      apiBase: 'https://mapi.storyblok.com/v1',
      deliveryBase: 'https://api.storyblok.com/v2/cdn',
      requirePreviewToken: true,
      allowedOrigins: ['https://plugins.example.com', 'http://localhost:8080'],
      uploadFolders: [null],
      maxFileSize: 5_242_879_999,
      allowReplace: false,
      allowPrivacyChange: false,
      allowExpiry: false,
      rateLimit: 3,
      ticketTtlSeconds: 86_400,
      callerRpm: 300,
      ipRpm: 1200,
      callerQueue: 10,
      openTickets: 50,
      maxBodyBytes: 32_768,
      trustProxy: false,
      port: 8787,
    })
    expect(settings.accept.anything).toBe(true)
  })

  it.each([
    ['STORYBLOK_TOKEN'],
    ['STORYBLOK_SPACE_ID'],
    ['GATEWAY_ALLOWED_ORIGINS'],
    ['GATEWAY_TICKET_SECRET'],
  ])('names %s when it is missing', (name) => {
    const error = errorOf({ ...VALID, [name]: undefined })
    expect(error.setting).toBe(name)
    expect(error.message).toBe(`${name}: is required`)
  })

  it.each([
    ['STORYBLOK_SPACE_ID', 'abc'],
    ['STORYBLOK_SPACE_ID', '-4'],
    ['STORYBLOK_API_BASE', 'http://mapi.example.com/v1'],
    ['STORYBLOK_API_BASE', 'https://user:pw@mapi.example.com/v1'],
    ['STORYBLOK_API_BASE', 'not a url'],
    ['STORYBLOK_REGION', 'mars'],
    ['STORYBLOK_DELIVERY_BASE', 'http://api.example.com/v2/cdn'],
    ['STORYBLOK_DELIVERY_BASE', 'https://api.example.com/v2/cdn?token=x'],
    ['GATEWAY_REQUIRE_PREVIEW_TOKEN', 'no thanks'],
    ['GATEWAY_ALLOWED_ORIGINS', 'https://plugins.example.com/path'],
    ['GATEWAY_ALLOWED_ORIGINS', '*'],
    ['GATEWAY_UPLOAD_FOLDERS', 'root,photos'],
    ['GATEWAY_MAX_FILE_SIZE', '20 parsecs'],
    ['GATEWAY_MAX_FILE_SIZE', '6GB'],
    ['GATEWAY_ACCEPT', 'image/*,nonsense!'],
    ['GATEWAY_ALLOW_REPLACE', 'yes please'],
    ['GATEWAY_ALLOW_PRIVACY_CHANGE', '2'],
    ['GATEWAY_ALLOW_EXPIRY', 'sometimes'],
    ['GATEWAY_RATE_LIMIT', '0'],
    ['GATEWAY_RATE_LIMIT', '2.5'],
    ['GATEWAY_TICKET_TTL_SECONDS', '4'],
    ['GATEWAY_CALLER_RPM', 'many'],
    ['GATEWAY_IP_RPM', '0'],
    ['GATEWAY_CALLER_QUEUE', '0'],
    ['GATEWAY_OPEN_TICKETS', '-1'],
    ['GATEWAY_MAX_BODY_BYTES', '10'],
    ['GATEWAY_TRUST_PROXY', 'maybe'],
    ['PORT', '70000'],
  ])('names %s when it is %j', (name, value) => {
    expect(errorOf({ ...VALID, [name]: value }).setting).toBe(name)
  })

  it('asks for a ticket secret of at least 32 characters, without quoting it', () => {
    const error = errorOf({ ...VALID, GATEWAY_TICKET_SECRET: 'short-secret-value' })
    expect(error.message).toBe('GATEWAY_TICKET_SECRET: must be at least 32 characters')
  })

  it('never quotes the token', () => {
    const error = errorOf({ ...VALID, STORYBLOK_TOKEN: 'line-one\nline-two' })
    expect(error.setting).toBe('STORYBLOK_TOKEN')
    expect(error.message).not.toContain('line-one')
  })

  it('takes http only for the local Storyblok', () => {
    const settings = parseSettings({ ...VALID, STORYBLOK_API_BASE: 'http://localhost:7070/v1/' })
    expect(settings.apiBase).toBe('http://localhost:7070/v1')
  })

  it('derives the API base from a named region', () => {
    expect(parseSettings({ ...VALID, STORYBLOK_REGION: 'us' }).apiBase).toBe(
      'https://api-us.storyblok.com/v1',
    )
  })

  it('reads folders, sizes, accept rules and switches', () => {
    const settings = parseSettings({
      ...VALID,
      GATEWAY_UPLOAD_FOLDERS: 'root, 7,12',
      GATEWAY_MAX_FILE_SIZE: '20MB',
      GATEWAY_ACCEPT: 'images,.pdf',
      GATEWAY_ALLOW_REPLACE: 'true',
      GATEWAY_ALLOW_PRIVACY_CHANGE: '1',
    })
    expect(settings.uploadFolders).toEqual([null, 7, 12])
    expect(settings.maxFileSize).toBe(20 * 1024 * 1024)
    expect(settings.accept.patterns).toEqual(['image/*', '.pdf'])
    expect(settings.allowReplace && settings.allowPrivacyChange).toBe(true)
  })

  it.each([
    [{ STORYBLOK_REGION: 'us' }, 'https://api-us.storyblok.com/v2/cdn'],
    [{ STORYBLOK_REGION: 'ap' }, 'https://api-ap.storyblok.com/v2/cdn'],
    [{ STORYBLOK_API_BASE: 'http://localhost:7070/v1' }, 'http://localhost:7070/v2/cdn'],
    [{ STORYBLOK_API_BASE: 'https://proxy.example.com/v1' }, 'https://api.storyblok.com/v2/cdn'],
    [{ STORYBLOK_DELIVERY_BASE: 'http://127.0.0.1:7070/v2/cdn/' }, 'http://127.0.0.1:7070/v2/cdn'],
  ])('takes the Delivery API base of %j', (extra, base) => {
    expect(parseSettings({ ...VALID, ...extra }).deliveryBase).toBe(base)
  })

  it('turns the preview token check off only when asked', () => {
    expect(parseSettings({ ...VALID, GATEWAY_REQUIRE_PREVIEW_TOKEN: 'false' })).toMatchObject({
      requirePreviewToken: false,
    })
  })

  it('reads the expiry switch', () => {
    expect(parseSettings({ ...VALID, GATEWAY_ALLOW_EXPIRY: 'true' }).allowExpiry).toBe(true)
  })
})
