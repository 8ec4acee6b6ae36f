// The exports being streamed right now, so that a server told to stop can end them, and wait for
// their last batch to be read, before it closes the database under them.
export class RunningExports {
  readonly #stopping = new AbortController();
  readonly #running = new Set<Promise<void>>();

  /** Aborts when the server stops: each export ends its stream at the next chunk. */
  get stopping(): AbortSignal {
    return this.#stopping.signal;
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
