import { builder } from '../builder.js';
import { EventStatus } from '../generated/prisma/enums.js';

export const EventStatusEnum = builder.enumType(EventStatus, {
  name: 'EventStatus',
  description: 'What the record says about whether the event happened. Disputing citations are kept beside supporting ones.',
});
