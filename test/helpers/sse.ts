// Subscriptions as a browser opens them: over Server-Sent Events (graphql-sse's distinct
// connections mode, which Yoga speaks), read message by message.
import { expect } from 'vitest';
import type { ChronicleYoga } from '../../src/yoga.js';

export interface Subscription {
  /** The data of the next message, or undefined when none comes within `ms`. */
  next(ms?: number): Promise<unknown>;
  close(): void;
}

export async function openSubscription(
  server: ChronicleYoga,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Subscription> {
  const controller = new AbortController();
  const response = await server.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let reading: Promise<ReadableStreamReadResult<string>> | undefined;
  return {
    async next(ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((line) => line.startsWith('data:'));
          if (message.startsWith('event: next') && data) return JSON.parse(data.slice(5));
          continue;
        }
        reading ??= reader.read();
        const read = await Promise.race([reading, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), Math.max(0, deadline - Date.now())))]);
        if (read === 'late') return undefined;
        reading = undefined;
        if (read.done) throw new Error('the stream ended');
        buffer += read.value;
      }
    },
    close: () => controller.abort(),
  };
}

/**
 * The message a write makes the subscription hear. The server starts listening a moment after the
 * stream opens, with no message to say so: a write that came first is made again.
 */
export async function hear(subscription: Subscription, write: () => Promise<void>): Promise<unknown> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await write();
    const heard = await subscription.next(500);
    if (heard !== undefined) return heard;
  }
  throw new Error('the subscription heard none of 20 writes');
}
