// The few Workers runtime types the gateway uses (worker.ts), declared here instead of pulling
// in @cloudflare/workers-types, whose globals clash with the DOM library the plugin's code uses.
// Shapes from https://developers.cloudflare.com/durable-objects/api/.

declare module 'cloudflare:workers' {
  export interface DurableObjectStorage {
    get<T>(key: string): Promise<T | undefined>
    put<T>(key: string, value: T): Promise<void>
    delete(key: string): Promise<boolean>
    list<T>(options: { prefix: string }): Promise<Map<string, T>>
    setAlarm(scheduledTime: number): Promise<void>
  }

  export interface DurableObjectState {
    readonly storage: DurableObjectStorage
    blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>
  }

  export interface DurableObjectId {
    toString(): string
  }

  /** A binding to a Durable Object class; `get` gives a stub whose methods are RPC calls. */
  export interface DurableObjectNamespace<T> {
    idFromName(name: string): DurableObjectId
    get(id: DurableObjectId): T
  }

  export abstract class DurableObject<Env = unknown> {
    protected readonly ctx: DurableObjectState
    protected readonly env: Env
    constructor(ctx: DurableObjectState, env: Env)
  }
}
