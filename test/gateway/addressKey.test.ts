import { describe, expect, it } from 'vitest'
import { addressKey, callerOf } from '../../gateway/src/request'

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff::', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
    ['unknown', 'unknown'],
    ['1:2:3', '1:2:3'],
    ['1::2::3', '1::2::3'],
    ['1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8:9'],
    ['zzzz::1', 'zzzz::1'],
  ])('counts %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key)
  })

  it('makes every address of one IPv6 /64 one caller, each session its own lane within it', () => {
    const request = (session: string) =>
      new Request('http://gateway.test/', { headers: { 'X-Editor-Session': session } })
    const a = callerOf(request('session-aaaa'), '2001:db8:1:2::a')
    const b = callerOf(request('session-bbbb'), '2001:db8:1:2:dead:beef:0:1')
    expect(a.ip).toBe(b.ip)
    expect(a.key).toEqual({ ip: '2001:db8:1:2::/64', session: 'session-aaaa' })
    expect(callerOf(request('session-aaaa'), '2001:db8:1:3::a').ip).not.toBe(a.ip)
  })
})
