// The bytes of an EXIF block that other IFDs own: the GPS IFD's values are zeroed only where
// they own their bytes alone, so a damaged file whose GPS offsets point into IFD0 or into
// the thumbnail loses nothing else.
export interface Ranges {
  /** Whether [start, end) shares a byte with a kept range. */
  overlaps(start: number, end: number): boolean
}

/** The union of [start, end) spans, for overlap queries. */
export function keptRanges(spans: [number, number][]): Ranges {
  // Sorted and merged, so that a query is one binary search.
  spans.sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const span of spans) {
    const last = merged[merged.length - 1]
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1])
    else merged.push([span[0], span[1]])
  }
  return {
    overlaps(start, end) {
      let low = 0
      let high = merged.length
      while (low < high) {
        const middle = (low + high) >> 1
        if ((merged[middle]?.[1] ?? 0) <= start) low = middle + 1
        else high = middle
      }
      const span = merged[low]
      return span !== undefined && span[0] < end
    },
  }
}
