// The timeline's axis in the words people use: years before the common era as "44 BC" (JavaScript
// and EDTF count a year 0 and negative years: -0043 is 44 BC), months by name in the page's
// language. vis-timeline calls these for every label, at the scale it is drawing.
const MONTH = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });

/** A year as readers write it: 2017, 44 BC (astronomical year -43). */
export function yearLabel(year: number): string {
  return year > 0 ? String(year) : `${1 - year} BC`;
}

const utc = (date: { valueOf(): number }) => new Date(date.valueOf());
const time = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;

/** A label under a tick: the unit at the scale drawn. */
export function minorLabel(date: { valueOf(): number }, scale: string): string {
  const d = utc(date);
  switch (scale) {
    case 'year':
      return yearLabel(d.getUTCFullYear());
    case 'month':
      return MONTH.format(d);
    case 'week':
    case 'weekday':
    case 'day':
      return String(d.getUTCDate());
    case 'hour':
    case 'minute':
      return time(d);
    default:
      return String(d.getUTCSeconds());
  }
}

/** The label above a run of ticks: what they are within. */
export function majorLabel(date: { valueOf(): number }, scale: string): string {
  const d = utc(date);
  switch (scale) {
    case 'year':
      return '';
    case 'month':
      return yearLabel(d.getUTCFullYear());
    case 'week':
    case 'weekday':
    case 'day':
      return `${MONTH.format(d)} ${yearLabel(d.getUTCFullYear())}`;
    default:
      return `${d.getUTCDate()} ${MONTH.format(d)} ${yearLabel(d.getUTCFullYear())}`;
  }
}
