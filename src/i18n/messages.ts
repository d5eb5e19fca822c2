import { appMessages } from './app'
import { errorMessages } from './errors'
import { fileCheckMessages } from './fileChecks'
import { focusMessages } from './focus'
import { formMessages } from './form'
import { uploadMessages } from './upload'

// Each feature keeps its strings in its own file (`./app.ts`, ...), with an `en` table that
// defines the keys and a `de` table that must translate every one of them.
export const messages = {
  en: {
    ...appMessages.en,
    ...fileCheckMessages.en,
    ...focusMessages.en,
    ...errorMessages.en,
    ...uploadMessages.en,
    ...formMessages.en,
  },
  de: {
    ...appMessages.de,
    ...fileCheckMessages.de,
    ...focusMessages.de,
    ...errorMessages.de,
    ...uploadMessages.de,
    ...formMessages.de,
  },
} as const

export type MessageKey = keyof typeof messages.en
