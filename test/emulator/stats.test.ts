// The request log as security tests read it: every request under a route name, with where
// credentials travelled (an Authorization header, a token in the URL) but never their values.
import { describe, expect, it } from 'vitest'
import { containsSecret, type LogEntry } from '../../emulator/stats'
import { assetsUrl, authHeaders } from './helpers'
import { useEmulator } from '../support/emulator'

const local = useEmulator()

/** The log entries so far, the state read that asks for them left out. */
async function logEntries(): Promise<LogEntry[]> {
  // Preflights included, which `requestLog()` leaves out.
  return (await local.control.state()).requestLog.slice(0, -1)
}

const ZERO_COUNTS = {
  sign: 0,
  s3: 0,
  finish: 0,
  get: 0,
  update: 0,
  delete: 0,
  list: 0,
  cdn: 0,
  delivery: 0,
  folders: 0,
  tags: 0,
  alt_text: 0,
}

describe('request log', () => {
  it('logs a state read with an Authorization header under `control`, without its value', async () => {
    const secret = 'Bearer not-a-real-token'
    const response = await fetch(`${local.emulator.url}/__emulator/state`, {
      headers: { Authorization: secret },
    })
    expect(response.status).toBe(200)
    const log = await logEntries()
    expect(log).toEqual([
      {
        route: 'control',
        method: 'GET',
        status: 200,
        at: expect.any(Number),
        authorization: true,
        tokenInUrl: false,
      },
    ])
    expect(JSON.stringify(log)).not.toContain('not-a-real-token')
  })

  it('flags the Management API token in the query, and keeps no token', async () => {
    const response = await fetch(assetsUrl(local.emulator, `?token=${local.emulator.token}`))
    expect(response.status).toBe(401)
    const log = await logEntries()
    expect(log).toEqual([
      expect.objectContaining({
        route: 'list',
        status: 401,
        authorization: false,
        tokenInUrl: true,
      }),
    ])
    expect(JSON.stringify(await local.control.state())).not.toContain(local.emulator.token)
  })

  it('finds a token percent-encoded, twice encoded, or in the path of an unknown route', async () => {
    const encoded = [...local.emulator.token]
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join('')
    await fetch(`${local.emulator.url}/__emulator/state?x=${encoded}`)
    await fetch(`${local.emulator.url}/__emulator/state?x=${encodeURIComponent(encoded)}`)
    const unknown = await fetch(`${local.emulator.url}/nowhere/${local.emulator.assetToken}`)
    expect(unknown.status).toBe(404)
    expect((await logEntries()).map((entry) => [entry['route'], entry['tokenInUrl']])).toEqual([
      ['control', true],
      ['control', true],
      ['unknown', true],
    ])
  })

  it('logs a request with the token only in its header as `tokenInUrl: false`', async () => {
    await fetch(assetsUrl(local.emulator), { headers: authHeaders(local.emulator) })
    expect(await logEntries()).toEqual([
      expect.objectContaining({ route: 'list', authorization: true, tokenInUrl: false }),
    ])
  })

  it('names every request: editor page, its files, controls, unknown paths, preflights', async () => {
    await fetch(`${local.emulator.url}/`).then((response) => response.text())
    await fetch(`${local.emulator.url}/__editor/main.js`).then((response) => response.text())
    await fetch(`${local.emulator.url}/favicon.ico`).then((response) => response.text())
    await fetch(`${local.emulator.url}/v1/spaces/${local.emulator.spaceId}/nothing`, {
      headers: authHeaders(local.emulator),
    })
    await fetch(`${local.emulator.url}/__emulator/faults`, { method: 'DELETE' })
    await fetch(assetsUrl(local.emulator), {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8080', 'Access-Control-Request-Method': 'POST' },
    })
    await fetch(`${local.emulator.url}/nowhere`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8080', 'Access-Control-Request-Method': 'GET' },
    })
    expect(
      (await logEntries()).map((entry) => [entry['route'], entry['method'], entry['status']]),
    ).toEqual([
      ['editor', 'GET', 200],
      ['editor', 'GET', 200],
      ['unknown', 'GET', 404],
      ['unknown', 'GET', 404],
      ['control', 'DELETE', 204],
      ['sign', 'OPTIONS', 204],
      ['unknown', 'OPTIONS', 404],
    ])
  })

  it('counts only the named API routes, and no preflight', async () => {
    await fetch(`${local.emulator.url}/`).then((response) => response.text())
    await fetch(`${local.emulator.url}/nowhere`)
    await fetch(`${local.emulator.url}/__emulator/faults`)
    await fetch(assetsUrl(local.emulator), {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8080', 'Access-Control-Request-Method': 'GET' },
    })
    expect((await local.control.state()).requests).toEqual(ZERO_COUNTS)
    await fetch(assetsUrl(local.emulator), { headers: authHeaders(local.emulator) })
    expect((await local.control.state()).requests).toEqual({ ...ZERO_COUNTS, list: 1 })
  })
})

describe('containsSecret', () => {
  it('finds a secret as sent, or decoded as often as it was encoded', () => {
    expect(containsSecret('/a?t=abc-def', ['abc-def'])).toBe(true)
    expect(containsSecret('/a?t=abc%2Ddef', ['abc-def'])).toBe(true)
    expect(containsSecret('/a?t=abc%252Ddef', ['abc-def'])).toBe(true)
    expect(containsSecret('/abc-def/x', ['other', 'abc-def'])).toBe(true)
  })

  it('decodes around a malformed escape, and ignores an empty secret', () => {
    expect(containsSecret('/a?bad=%E0%A4%A&t=abc%2Ddef', ['abc-def'])).toBe(true)
    expect(containsSecret('/a?t=abc', [''])).toBe(false)
    expect(containsSecret('/a?t=abc-de', ['abc-def'])).toBe(false)
  })
})
