// @vitest-environment node
// GPS properties in XMP: the forms RDF allows, the namespaces that hold a position, the
// encodings, and what is never touched.
import { describe, expect, it } from 'vitest'
import { findLocation, removeLocation } from '../../../src/domain/location'
import { ascii, jpegWith, packet, xmpSegment } from './build'

const XMP_AT = 2 + 4 + 29 // SOI, APP1 header, the XMP signature

/** The packet after removal, as text, and what the module said. */
function removed(text: string) {
  const file = jpegWith(xmpSegment(text))
  const result = removeLocation(file)
  expect(result.bytes.length).toBe(file.length)
  return { ...result, text: String.fromCharCode(...result.bytes.subarray(XMP_AT, -11)) }
}

describe('XMP GPS properties', () => {
  it('are cut out as elements, padded to the same length before the packet trailer', () => {
    const text = packet(
      '<exif:GPSLatitude>51,30.44N</exif:GPSLatitude><exif:GPSLongitude>0,7.66W</exif:GPSLongitude>' +
        '<exif:DateTimeOriginal>2026-05-01T10:20:30</exif:DateTimeOriginal><dc:format>image/jpeg</dc:format>',
    )
    expect(findLocation(jpegWith(xmpSegment(text))).position).toEqual({
      latitude: 51.507,
      longitude: -0.128,
    })
    const after = removed(text)
    expect(after.text).not.toMatch(/GPS/)
    expect(after.text).toContain(
      '<exif:DateTimeOriginal>2026-05-01T10:20:30</exif:DateTimeOriginal>',
    )
    expect(after.text).toContain('<dc:format>image/jpeg</dc:format>')
    expect(after.text).toMatch(/<\/x:xmpmeta> {100,}<\?xpacket end="w"\?>$/)
    expect(after.text.length).toBe(text.length)
  })

  it('are cut out as attributes of rdf:Description', () => {
    const text = packet(
      '',
      ' exif:GPSLatitude="51,30.44N" exif:GPSLongitude=\'0,7.66W\' dc:format="x"',
    )
    const after = removed(text)
    expect(after.removed).toEqual(['JPEG APP1 at byte 2 (XMP): GPSLatitude, GPSLongitude'])
    expect(after.text).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="x">')
  })

  it('are found under whatever prefix the packet binds to the EXIF namespace, and only there', () => {
    const text = packet(
      '<ex:GPSLatitude>51,30.44N</ex:GPSLatitude><exif:GPSLatitude>kept</exif:GPSLatitude>',
      ' xmlns:ex="http://ns.adobe.com/exif/1.0/"',
    ).replace('xmlns:exif="http://ns.adobe.com/exif/1.0/"', 'xmlns:exif="urn:other"')
    const after = removed(text)
    expect(after.text).not.toContain('ex:GPSLatitude>51')
    expect(after.text).toContain('<exif:GPSLatitude>kept</exif:GPSLatitude>')
  })

  it("include DJI's drone-dji position, misspelt longitude and altitude, not the gimbal", () => {
    const text = packet(
      '<drone-dji:GpsLatitude>+48.20849</drone-dji:GpsLatitude>' +
        '<drone-dji:GpsLongtitude>+16.37208</drone-dji:GpsLongtitude>' +
        '<drone-dji:AbsoluteAltitude>+171.20</drone-dji:AbsoluteAltitude>' +
        '<drone-dji:RelativeAltitude>+30.10</drone-dji:RelativeAltitude>' +
        '<drone-dji:GimbalYawDegree>-12.5</drone-dji:GimbalYawDegree>',
      ' xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/"',
    )
    expect(findLocation(jpegWith(xmpSegment(text))).position).toEqual({
      latitude: 48.208,
      longitude: 16.372,
    })
    const after = removed(text)
    expect(after.text).not.toMatch(/Gps|AbsoluteAltitude/)
    expect(after.text).toContain('<drone-dji:RelativeAltitude>+30.10</drone-dji:RelativeAltitude>')
    expect(after.text).toContain('<drone-dji:GimbalYawDegree>-12.5</drone-dji:GimbalYawDegree>')
  })

  it("include the coordinates of IPTC's LocationCreated, not its city", () => {
    const text = packet(
      '<Iptc4xmpExt:LocationCreated rdf:parseType="Resource"><Iptc4xmpExt:City>Wien</Iptc4xmpExt:City>' +
        '<exif:GPSLatitude>48,12.5N</exif:GPSLatitude><exif:GPSLongitude>16,22.3E</exif:GPSLongitude>' +
        '</Iptc4xmpExt:LocationCreated>',
      ' xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"',
    )
    const after = removed(text)
    expect(after.text).not.toContain('GPS')
    expect(after.text).toContain(
      '<Iptc4xmpExt:City>Wien</Iptc4xmpExt:City></Iptc4xmpExt:LocationCreated>',
    )
  })

  it('leave a packet whose GPS property is never closed as it is, and say so', () => {
    const file = jpegWith(xmpSegment(packet('<exif:GPSLatitude>51,30.44N')))
    const result = removeLocation(file)
    expect(result.bytes).toBe(file)
    expect(result.damage).toEqual([
      'JPEG APP1 at byte 2 (XMP): XMP property exif:GPSLatitude is never closed; the packet is left as is',
    ])
  })

  it.each([
    ['UTF-16BE', false],
    ['UTF-16LE', true],
  ])('are cut out of a %s packet, which stays in its encoding', (_, little) => {
    const text = packet('<exif:GPSLatitude>51,30.44N</exif:GPSLatitude><dc:format>x</dc:format>')
    const utf16 = new Uint8Array(text.length * 2)
    for (let at = 0; at < text.length; at++) utf16[at * 2 + (little ? 0 : 1)] = text.charCodeAt(at)
    const whole = jpegWith(new Uint8Array([...ascii('http://ns.adobe.com/xap/1.0/\0'), ...utf16]))
    expect(findLocation(whole).places).toHaveLength(1)
    const { bytes } = removeLocation(whole)
    const decoded = new TextDecoder(little ? 'utf-16le' : 'utf-16be').decode(
      bytes.subarray(XMP_AT, -11),
    )
    expect(decoded).not.toContain('GPS')
    expect(decoded).toContain('<dc:format>x</dc:format>')
    expect(bytes.length).toBe(whole.length)
  })

  it('are not read from a UTF-32 packet, which is reported', () => {
    const utf32 = new Uint8Array([0, 0, 0, 0x3c, 0, 0, 0, 0x3f])
    const file = jpegWith(new Uint8Array([...ascii('http://ns.adobe.com/xap/1.0/\0'), ...utf32]))
    expect(findLocation(file).damage).toEqual([
      'JPEG APP1 at byte 2 (XMP): XMP in UTF-32, not read',
    ])
  })
})
