// Numbers the plugin's rules share, each defined once.

/** Management API requests per second on Storyblok's Starter plan, the `rateLimit` option's default. */
export const DEFAULT_RATE_LIMIT = 3
/**
 * Storyblok's plans allow 3 or 6 requests per second. A far higher value is a typo, and the
 * throttle asks for one lock per allowed request: 100,000 froze the plugin for a minute.
 */
export const MAX_RATE_LIMIT = 50

/**
 * The most assets a `multiple` field shows and edits. A longer list (the native multiasset
 * field has no limit) is shown up to this many items and kept whole on every write: the items
 * past it are carried along unchanged, and uploads are refused while it is over (README, "Many
 * assets"). 1,000 is more than any gallery and keeps the list and its writes fast.
 */
export const MAX_LIST_ITEMS = 1000
