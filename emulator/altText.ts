// AI alt text, emulated: `GET /v1/spaces/:space_id/assets/:id/generate_image_alt_text?language=`
// (route name `alt_text`) answers `{"response": "<alt text>"}` as Storyblok's OpenAPI has it.
// No model runs here: the text is built, deterministically, from what the emulator can measure
// of the image (type, pixel size, dominant colour), and says that it is emulated, so nobody
// mistakes it for a description. See README.md, reading 24.
import { NOT_FOUND_BODY } from './apiAsset.ts'
import { sendJson } from './http.ts'
import { loadSharp } from './imageService.ts'
import { guarded, type MapiDeps } from './mapi.ts'
import type { RequestContext, Route } from './router.ts'

type Language = 'en' | 'de'

/** The palette colours are named from; German in the form after `ein` (neuter). */
const COLOURS = {
  black: { en: 'black', de: 'schwarzes' },
  white: { en: 'white', de: 'weißes' },
  grey: { en: 'grey', de: 'graues' },
  red: { en: 'red', de: 'rotes' },
  orange: { en: 'orange', de: 'orangefarbenes' },
  brown: { en: 'brown', de: 'braunes' },
  yellow: { en: 'yellow', de: 'gelbes' },
  green: { en: 'green', de: 'grünes' },
  blue: { en: 'blue', de: 'blaues' },
  purple: { en: 'purple', de: 'violettes' },
  pink: { en: 'pink', de: 'rosafarbenes' },
} as const
export type ColourName = keyof typeof COLOURS

/** The palette colour nearest to an sRGB colour (0–255 per channel), by hue and lightness. */
export function colourName(r: number, g: number, b: number): ColourName {
  const max = Math.max(r, g, b) / 255
  const min = Math.min(r, g, b) / 255
  const lightness = (max + min) / 2
  const chroma = max - min
  const saturation = chroma === 0 ? 0 : chroma / (1 - Math.abs(2 * lightness - 1))
  if (lightness < 0.12) return 'black'
  if (lightness > 0.92) return 'white'
  if (saturation < 0.18 || chroma < 0.08) return 'grey'
  const [red, green, blue] = [r / 255, g / 255, b / 255]
  let hue =
    max === red
      ? ((green - blue) / chroma) % 6
      : max === green
        ? (blue - red) / chroma + 2
        : (red - green) / chroma + 4
  hue = (hue * 60 + 360) % 360
  if (hue < 15 || hue >= 340) return lightness > 0.7 ? 'pink' : 'red'
  if (hue < 45) return lightness < 0.35 ? 'brown' : 'orange'
  if (hue < 70) return lightness < 0.3 ? 'brown' : 'yellow'
  if (hue < 165) return 'green'
  if (hue < 255) return 'blue'
  if (hue < 290) return 'purple'
  return 'pink'
}

/** `PNG`, `JPEG`, `WebP`… from a content type. */
function typeWord(contentType: string): string {
  const subtype = contentType.replace(/^image\//, '').replace(/\+xml$/, '')
  const words: Record<string, string> = { jpeg: 'JPEG', webp: 'WebP' }
  return words[subtype] ?? subtype.toUpperCase()
}

export interface ImageFacts {
  contentType: string
  width: number
  height: number
  colour: ColourName
}

/** The alt text for `facts` in `language`. */
export function altText(facts: ImageFacts, language: Language): string {
  const type = typeWord(facts.contentType)
  const size = `${facts.width} × ${facts.height}`
  if (language === 'de') {
    return `[Emuliert] Ein ${COLOURS[facts.colour].de} ${type}-Bild, ${size} Pixel`
  }
  const colour = COLOURS[facts.colour].en
  const article = /^[aeiou]/.test(colour) ? 'An' : 'A'
  return `[Emulated AI] ${article} ${colour} ${type} image, ${size} pixels`
}

/** German for `de` and its regional forms (`de-AT`, `de_CH`); English for every other code. */
export function altTextLanguage(code: string | null): Language {
  return /^de(?:[-_]|$)/i.test(code ?? '') ? 'de' : 'en'
}

/** Measures the image at `path`: oriented size, and the dominant colour as seen on white. */
async function measure(path: string, contentType: string): Promise<ImageFacts> {
  const sharp = await loadSharp()
  const image = sharp(path, { autoOrient: true, failOn: 'error' })
  const { width, height } = (await image.metadata()).autoOrient
  // A small copy is enough for the colour, and keeps a 20 MB photo from being decoded whole.
  const thumbnail = await image
    .resize(64, 64, { fit: 'inside' })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer()
  const { dominant } = await sharp(thumbnail).stats()
  return { contentType, width, height, colour: colourName(dominant.r, dominant.g, dominant.b) }
}

async function generate(deps: MapiDeps, ctx: RequestContext): Promise<void> {
  const id = ctx.params['id'] ?? ''
  const asset = /^\d+$/.test(id) ? deps.store.getAsset(Number(id)) : undefined
  if (!asset) return sendJson(ctx.res, 404, NOT_FOUND_BODY)
  const object = asset.finishedKey === asset.key ? deps.store.getObject(asset.key) : undefined
  if (!object) {
    return sendJson(ctx.res, 422, {
      error: 'Alt text needs an uploaded image: this asset has no finished upload',
    })
  }
  if (!object.contentType.startsWith('image/')) {
    return sendJson(ctx.res, 422, {
      error: `Alt text can only be generated for images; this file is ${object.contentType}`,
    })
  }
  let facts: ImageFacts
  try {
    facts = await measure(deps.store.filePath(object.key), object.contentType)
  } catch {
    return sendJson(ctx.res, 422, { error: 'The image could not be read' })
  }
  const language = altTextLanguage(ctx.url.searchParams.get('language'))
  sendJson(ctx.res, 200, { response: altText(facts, language) })
}

export function altTextRoutes(deps: MapiDeps): Route[] {
  return [
    {
      methods: ['GET'],
      pattern: '/v1/spaces/:space_id/assets/:id/generate_image_alt_text',
      area: 'mapi',
      name: 'alt_text',
      handle: guarded(deps, (ctx) => generate(deps, ctx)),
    },
  ]
}
