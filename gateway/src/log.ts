// One JSON line per write (sign, finish, update, delete, the sweep's clean-ups) and per refused
// write: what was asked, for which asset, from where, and how it ended. The user id is what the
// plugin reports (the editor tells the plugin; nothing verifies it), so every line says
// `userVerified: false`. Every line passes the redaction: the token never reaches a log.
import { createRedact } from './redact'

export type WriteOp = 'sign' | 'finish' | 'update' | 'delete' | 'expire' | 'write'

export interface LogEntry {
  op: WriteOp
  assetId: number | null
  origin: string | null
  ip: string
  session: string | null
  userId: string | null
  /** `ok`, or `refused` / `failed` with the rule or status in `rule` / `status`. */
  outcome: 'ok' | 'refused' | 'failed'
  status: number
  rule?: string
  detail?: string
}

export type LogSink = (line: string) => void

export interface Logger {
  write(entry: LogEntry): void
  /** A problem of the gateway itself (settings, an unexpected error), without the request. */
  problem(message: string, detail?: Record<string, unknown>): void
}

export function createLogger(sink: LogSink, secrets: readonly string[], now = Date.now): Logger {
  const redact = createRedact(secrets)
  const emit = (record: Record<string, unknown>) => sink(redact(JSON.stringify(record)))
  return {
    write({ op, assetId, origin, ip, session, userId, ...outcome }) {
      const time = new Date(now()).toISOString()
      emit({ time, op, assetId, origin, ip, session, userId, userVerified: false, ...outcome })
    },
    problem(message, detail = {}) {
      emit({ time: new Date(now()).toISOString(), op: 'gateway', problem: message, ...detail })
    },
  }
}
