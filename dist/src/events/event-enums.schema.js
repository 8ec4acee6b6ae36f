import { builder } from '../builder.js';
import { EventKind, EventStatus, ParticipantRole } from '../generated/prisma/enums.js';
export const EventKindEnum = builder.enumType(EventKind, { name: 'EventKind' });
export const EventStatusEnum = builder.enumType(EventStatus, {
    name: 'EventStatus',
    description: 'What the record says about whether the event happened. Disputing citations are kept beside supporting ones.',
});
export const ParticipantRoleEnum = builder.enumType(ParticipantRole, { name: 'ParticipantRole' });
//# sourceMappingURL=event-enums.schema.js.map