// The photos the README's screenshots upload: generated, so the pictures need no image files.
import sharp from 'sharp'

/** A 1200 × 800 JPEG: a diagonal gradient between two colours, with a sun in the second. */
export function photo(from: string, to: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="${from}"/>
    <stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="1200" height="800" fill="url(#g)"/>
    <circle cx="840" cy="260" r="120" fill="${to}" opacity="0.8"/></svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer()
}
