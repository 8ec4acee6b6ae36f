// Structured logs: one JSON line per event, quiet unless asked (tests run at "silent").
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ name: 'chronicle', level });
}
