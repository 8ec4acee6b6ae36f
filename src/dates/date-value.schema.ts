import { builder } from '../builder.js';
import { toDate } from './calendar.js';
import type { Bound, DatePoint, DateValue } from './edtf.js';
import { checkedLocale, displayIn } from './localized-display.js';

export const DatePrecisionEnum = builder.enumType('DatePrecision', {
  description: 'The unit a date is known to.',
  values: ['YEAR', 'SEASON', 'MONTH', 'DAY', 'MINUTE', 'SECOND'] as const,
});

const DateFormEnum = builder.enumType('DateForm', {
  values: {
    DATE: { description: 'One date: 2017-05-25, 2017-05, 2017-22 (summer), 19XX.' },
    INTERVAL: { description: 'From a start to an end, either of which may be open or unknown: 2017-05-25/2017-06-04, 2016-07-31/.. (ongoing).' },
    ONE_OF: { description: 'A single date somewhere in a range: [..2017-06-04] (on or before), [2017-06-01..2017-06-02].' },
  } as const,
});

const DateBoundEnum = builder.enumType('DateBound', {
  description: 'A side of an interval or range.',
  values: {
    KNOWN: { description: 'A date is given.' },
    OPEN: { description: 'Open (".."): it reaches on without a bound, e.g. an ongoing investigation.' },
    UNKNOWN: { description: 'Not known (an empty side of an interval).' },
  } as const,
});

/** A side of a value, as a DateValue of its own. */
function part(bound: Bound): DateValue | null {
  if (bound.kind !== 'KNOWN') return null;
  const p: DatePoint = bound.point;
  return {
    edtf: p.edtf,
    form: 'DATE',
    start: bound,
    end: bound,
    precision: p.precision,
    approximate: p.approximate,
    uncertain: p.uncertain,
    unspecified: p.unspecified,
    earliestMs: p.earliest,
    latestMs: p.latest,
    earliest: toDate(p.earliest),
    latest: toDate(p.latest),
    display: p.display,
  };
}

export const DateValueRef = builder.objectRef<DateValue>('DateValue');

DateValueRef.implement({
  description:
    'A date as honestly as it is known, in Extended Date/Time Format (EDTF): the value as given, its form and precision, and the earliest and latest instants it can mean. See docs/dates.md.',
  fields: (t) => ({
    edtf: t.exposeString('edtf', {
      description:
        'The value as given: 2017, 2017-05, 2017-05-25, 2017-05~ (about), 2017-05? (uncertain), 2017-22 (summer), 19XX, -0043-03-15 (44 BC), 2017-05-09T17:40:00-04:00, 2017-05-25/2017-06-04, 2016-07-31/.. (ongoing), [..2017-06-04] (on or before).',
    }),
    form: t.field({ type: DateFormEnum, resolve: (d) => d.form }),
    precision: t.field({
      type: DatePrecisionEnum,
      description: "The unit it is known to; for an interval or range, its coarser known side's.",
      resolve: (d) => d.precision,
    }),
    approximate: t.exposeBoolean('approximate', { description: 'Marked "about" (~ or %), on the whole or a part.' }),
    uncertain: t.exposeBoolean('uncertain', { description: 'Marked uncertain (? or %), on the whole or a part.' }),
    unspecified: t.exposeBoolean('unspecified', { description: 'Some digits are not given (X): 19XX, 2017-XX.' }),
    earliest: t.expose('earliest', {
      type: 'DateTime',
      nullable: true,
      description: 'First instant it can mean; null when its start is open or unknown (or before 271,821 BC: see edtf).',
    }),
    latest: t.expose('latest', {
      type: 'DateTime',
      nullable: true,
      description: 'Last instant it can mean; null when its end is open or unknown (an ongoing interval).',
    }),
    start: t.field({
      type: DateValueRef,
      nullable: true,
      description: 'The start of an interval, or the lower bound of a range; null when open or unknown, or for a single date.',
      resolve: (d) => (d.form === 'DATE' ? null : part(d.start)),
    }),
    end: t.field({
      type: DateValueRef,
      nullable: true,
      description: 'The end of an interval, or the upper bound of a range; null when open or unknown, or for a single date.',
      resolve: (d) => (d.form === 'DATE' ? null : part(d.end)),
    }),
    startBound: t.field({ type: DateBoundEnum, resolve: (d) => d.start.kind }),
    endBound: t.field({ type: DateBoundEnum, resolve: (d) => d.end.kind }),
    ongoing: t.boolean({
      description: 'An interval that has begun and has no known end (open or unknown): it counts up to now.',
      resolve: (d) => d.form === 'INTERVAL' && d.start.kind === 'KNOWN' && d.end.kind !== 'KNOWN',
    }),
    display: t.string({
      description:
        'For people: "25 May 2017", "about May 2017", "Summer 2017", "15 March 44 BC", "before 4 June 2017", "from 31 July 2016, ongoing". With a locale, in its language: display(locale: "fr") is "25 mai 2017".',
      args: {
        locale: t.arg.string({ description: 'A BCP 47 language tag: "fr", "de-CH", "pt-BR". Days, months and eras come from Intl; English by default.' }),
      },
      resolve: (d, { locale }) => (locale ? displayIn(d, checkedLocale(locale, 'locale')) : d.display),
    }),
  }),
});

/** The end part of an interval as its own value, for the deprecated Event.endDate. */
export function endPart(value: DateValue): DateValue | null {
  return value.form === 'INTERVAL' ? part(value.end) : null;
}
