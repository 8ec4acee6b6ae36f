// The exports being streamed right now: how many a server takes at once (in all, and from one
// client), so that downloads cannot starve the pages and /health; and, for a server told to stop,
// what to end, and wait for, before it closes the database under them.

export interface ExportLimits {
  /** Exports streaming at once, from all clients (CHRONICLE_EXPORTS_MAX). */
  total: number;
  /** Exports streaming at once to one client address (CHRONICLE_EXPORTS_PER_CLIENT). */
  perClient: number;
  /** A download whose reader takes nothing for this long is ended, and its place freed. */
  stallMs: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = { total: 8, perClient: 3, stallMs: 60_000 };

export class RunningExports {
  readonly #stopping = new AbortController();
  readonly #running = new Set<Promise<void>>();
  readonly #byClient = new Map<string, number>();
  #admitted = 0;

  constructor(readonly limits: ExportLimits = DEFAULT_EXPORT_LIMITS) {}

  /** Aborts when the server stops: each export ends its stream at the next chunk. */
  get stopping(): AbortSignal {
    return this.#stopping.signal;
  }

  /**
   * A place for one more export to `client`, released (once) when it ends; or, when the server or
   * that client is at its limit, the reason, for a 429.
   */
  admit(client: string): { release: () => void } | { refused: string } {
    if (this.#admitted >= this.limits.total) {
      return { refused: `the server is streaming ${this.#admitted} exports, as many as it takes at once: try again in a minute` };
    }
    const mine = this.#byClient.get(client) ?? 0;
    if (mine >= this.limits.perClient) {
      return { refused: `${mine} exports are streaming to you, as many as one client may have at once: let one finish, or cancel it, first` };
    }
    this.#admitted += 1;
    this.#byClient.set(client, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#admitted -= 1;
        const left = (this.#byClient.get(client) ?? 1) - 1;
        if (left > 0) this.#byClient.set(client, left);
        else this.#byClient.delete(client);
      },
    };
  }

  /** Holds an export until `finished` settles. */
  track(finished: Promise<void>): void {
    this.#running.add(finished);
    void finished.finally(() => this.#running.delete(finished));
  }

  /** Ends every export and waits until none reads the database any more. */
  async stopAll(): Promise<void> {
    this.#stopping.abort();
    await Promise.allSettled([...this.#running]);
  }
}
