// Location privacy before anything is sent: a chosen photo's bytes are read once, its metadata
// searched for the place where it was taken (domain/location), and a copy made without it,
// losslessly (the image data byte-identical, orientation, colour profile, camera and copyright
// kept). The work runs in its own tasks after the file is shown, so typing never waits for more
// than one of them (BENCHMARKS.md, "Location privacy").
import { findLocation, removeLocation } from '../../domain/location'
import type { LocationCheck } from '../../domain/locationCheck'

export type { LocationCheck }

/** Larger files are not read (a photo this size is a panorama at most): said, and sent as they are. */
export const MAX_INSPECTED_BYTES = 256 * 1024 * 1024

/** The bytes a container is recognised by (JPEG, PNG, WebP, HEIF). */
const HEAD_BYTES = 32

export interface InspectOptions {
  /** Lets the page draw and take keystrokes between the steps. @default a zero timeout */
  pause?: () => Promise<void>
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * Reads a chosen file's location. `null` for anything but a JPEG, PNG, WebP or HEIF/HEIC/AVIF
 * (nothing is read beyond its first bytes), and for a photo with neither a position nor damage:
 * there is nothing to say. Never rejects.
 */
export async function inspectPhoto(
  file: Blob,
  { pause = nextTask }: InspectOptions = {},
): Promise<LocationCheck | null> {
  const none = { found: false, position: null, cleaned: null, left: false, damage: [] }
  try {
    const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer())
    if (findLocation(head).format === null) return null
    if (file.size > MAX_INSPECTED_BYTES) return { ...none, unread: 'too-large' }
    const bytes = new Uint8Array(await file.arrayBuffer())
    await pause()
    const report = findLocation(bytes)
    if (!report.hasLocation) return report.damage.length ? { ...none, damage: report.damage } : null
    await pause()
    const removal = removeLocation(bytes)
    const cleaned =
      removal.removed.length > 0
        ? new File([removal.bytes as Uint8Array<ArrayBuffer>], fileName(file), {
            type: file.type,
            lastModified: file instanceof File ? file.lastModified : Date.now(),
          })
        : null
    const damage = [...new Set([...report.damage, ...removal.damage])]
    return {
      found: true,
      position: report.position,
      cleaned,
      left: cleaned === null || removal.damage.some((line) => line.startsWith('position left')),
      damage,
    }
  } catch {
    return { ...none, unread: 'unreadable' }
  }
}

const fileName = (file: Blob): string => (file instanceof File ? file.name : 'file')
