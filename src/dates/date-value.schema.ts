import { builder } from '../builder.js';
import { DatePrecision } from '../generated/prisma/enums.js';
import type { DateValue } from './edtf.js';

export const DatePrecisionEnum = builder.enumType(DatePrecision, {
  name: 'DatePrecision',
  description: 'The unit a date is known to: a year, a month or a day.',
});

export const DateValueRef = builder.objectRef<DateValue>('DateValue').implement({
  description:
    'A date as honestly as it is known: the value as given (EDTF), its precision, and the earliest and latest instants it can mean.',
  fields: (t) => ({
    edtf: t.exposeString('edtf', {
      description: 'The value as given, in Extended Date/Time Format: 2017, 2017-05, 2017-05-25, 2017-05~ (about), 2017-05? (uncertain), ..2017-06-04 (on or before), [2017-06-01..2017-06-02] (one day in that range).',
    }),
    precision: t.field({ type: DatePrecisionEnum, resolve: (d) => d.precision }),
    approximate: t.exposeBoolean('approximate', { description: 'Marked "about" (~) in the source.' }),
    uncertain: t.exposeBoolean('uncertain', { description: 'Marked uncertain (?) in the source.' }),
    earliest: t.expose('earliest', { type: 'DateTime', nullable: true, description: 'First instant the date can mean; null when only an upper bound is known.' }),
    latest: t.expose('latest', { type: 'DateTime', nullable: true, description: 'Last instant the date can mean; null when only a lower bound is known.' }),
    display: t.exposeString('display', { description: 'For people: "25 May 2017", "May 2017", "about 2017", "before 4 June 2017".' }),
  }),
});
