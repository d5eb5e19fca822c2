// Reading the environment (Node's `process.env`, a Worker's `env`): the error that names the
// variable at fault, and the plain readers that settings.ts and hosts.ts share.

/** The environment as both runtimes give it: names to strings (a Worker's env holds bindings too). */
export type Env = Readonly<Record<string, unknown>>

export class SettingsError extends Error {
  override readonly name = 'SettingsError'

  constructor(
    /** The environment variable at fault, e.g. `GATEWAY_TICKET_SECRET`. */
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting}: ${problem}`)
  }
}

export function isSettingsError(error: unknown): error is SettingsError {
  return error instanceof Error && error.name === 'SettingsError'
}

/** The trimmed value, or `undefined` when the variable is absent or blank. */
export function read(env: Env, name: string): string | undefined {
  const value = env[name]
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}
