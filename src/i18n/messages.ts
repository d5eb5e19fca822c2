// Every message of the UI, from the feature files.
import { appMessages } from './app'
import { describingMessages } from './describing'
import { errorMessages } from './errors'
import { fileCheckMessages } from './fileChecks'
import { focusMessages } from './focus'
import { formMessages } from './form'
import { listMessages } from './list'
import { preflightMessages } from './preflight'
import type { Translations } from './types'
import { uploadMessages } from './upload'

export const messages = {
  ...appMessages,
  ...fileCheckMessages,
  ...focusMessages,
  ...errorMessages,
  ...uploadMessages,
  ...formMessages,
  ...listMessages,
  ...describingMessages,
  ...preflightMessages,
} satisfies Translations

export type MessageKey = keyof typeof messages
