// An async iteration that fetches its next item while the consumer works on the current one.

/**
 * Yields what `source` yields, asking it for the next item as soon as one is handed over: an
 * import parses its next batch of records while the database writes the last one. At most one
 * item is held ahead; stopping early closes the source once the item being read has come.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  // A read ahead that fails while the consumer is busy must not count as unhandled (Node would
  // stop the process): its error is thrown where it is awaited.
  const ask = () => {
    const asked = iterator.next();
    asked.catch(() => undefined);
    return asked;
  };
  let next = ask();
  let done = false;
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        done = true;
        return;
      }
      next = ask();
      yield result.value;
    }
  } finally {
    if (!done) {
      await next.catch(() => undefined);
      await iterator.return?.();
    }
  }
}
