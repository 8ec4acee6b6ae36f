// Announcements of written events, for live updates: in this process by default, through Redis
// pub/sub when REDIS_URL is set, so that a subscriber to one instance hears of a write made
// through another.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { WriteReport } from '../records/record-writer.js';

/** The events one write created, changed and retired; `more` when there were more than it lists. */
export interface EventsChanged {
  created: string[];
  updated: string[];
  retired: string[];
  more: boolean;
}

/** One topic: Chronicle's own, so that a Redis shared with other software hears nothing of theirs. */
export const EVENTS_CHANGED = 'chronicle:events-changed';

export type ChangeBus = PubSub<{ [EVENTS_CHANGED]: [EventsChanged] }>;

export interface ChangeBusHandle {
  bus: ChangeBus;
  close(): Promise<void>;
}

export function createChangeBus(redisUrl?: string): ChangeBusHandle {
  if (!redisUrl) return { bus: createPubSub(), close: async () => undefined };
  // A connection that subscribes can do nothing else: one to publish, one to listen. The listening
  // one skips ioredis's ready check, an INFO that Redis refuses once a SUBSCRIBE queued while it
  // connected has gone first (seen on a busy machine: the subscription was then never made).
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableReadyCheck: false });
  return {
    bus: createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) }) as ChangeBus,
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

/** Tells subscribers what a committed write did to events (nothing, for a dry run or no change). */
export function announce(bus: ChangeBus, report: WriteReport): void {
  const { created, updated, more } = report.changedEvents;
  if (created.length || updated.length || more) bus.publish(EVENTS_CHANGED, { created, updated, retired: [], more });
}
