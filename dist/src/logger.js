// Structured logs: one JSON line per event, quiet unless asked (tests run at "silent").
import { pino } from 'pino';
export function createLogger(level) {
    return pino({ name: 'chronicle', level });
}
//# sourceMappingURL=logger.js.map