// Proleptic Gregorian calendar arithmetic in BigInt milliseconds since 1970-01-01T00:00Z, so a date
// of 44 BC or of 170,000,000 years ago has an exact instant (JavaScript Dates stop at 271,821 BC,
// PostgreSQL timestamps at 4713 BC). Years are astronomical: 0 is 1 BC, -43 is 44 BC.

export const MS_PER_DAY = 86_400_000n;

/** Instants beyond any date: an open start and an ongoing end; PostgreSQL's bigint's bounds. */
export const BEFORE_ALL = -(2n ** 63n - 1n);
export const AFTER_ALL = 2n ** 63n - 1n;

/** The largest year Chronicle places in time: its instants stay inside the two above. */
export const MAX_YEAR = 290_000_000;

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Days from 1970-01-01 to a calendar day (H. Hinnant's days_from_civil, in BigInt). */
function daysFromCivil(year: number, month: number, day: number): bigint {
  const y = BigInt(year) - (month <= 2 ? 1n : 0n);
  const era = (y >= 0n ? y : y - 399n) / 400n;
  const yoe = y - era * 400n;
  const doy = BigInt(Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1);
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146_097n + doe - 719_468n;
}

/** The instant a wall-clock time begins, at `offsetMinutes` east of UTC. */
export function instant(year: number, month = 1, day = 1, hour = 0, minute = 0, second = 0, offsetMinutes = 0): bigint {
  return daysFromCivil(year, month, day) * MS_PER_DAY + BigInt(((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000);
}

/** A JavaScript Date for an instant, or null beyond the years a Date can hold. */
export function toDate(ms: bigint): Date | null {
  if (ms <= -8_640_000_000_000_000n || ms >= 8_640_000_000_000_000n) return null;
  return new Date(Number(ms));
}

/** An instant for a JavaScript Date. */
export function fromDate(date: Date): bigint {
  return BigInt(date.getTime());
}

/** A year as people write it: 2017, 44 BC, 170,001 BC, 170,000,002. */
export function showYear(year: number): string {
  const n = year <= 0 ? 1 - year : year;
  const text = n >= 10_000 ? n.toLocaleString('en-US') : String(n);
  return year <= 0 ? `${text} BC` : text;
}

/** The calendar day an instant falls on (UTC), and its weekday (0 Monday ... 6 Sunday). */
export function civil(ms: bigint): { year: number; month: number; day: number; weekday: number } {
  let days = ms / MS_PER_DAY;
  if (ms % MS_PER_DAY < 0n) days -= 1n;
  const weekday = Number((((days + 3n) % 7n) + 7n) % 7n); // 1970-01-01 was a Thursday
  const z = days + 719_468n;
  const era = (z >= 0n ? z : z - 146_096n) / 146_097n;
  const doe = z - era * 146_097n;
  const yoe = (doe - doe / 1_460n + doe / 36_524n - doe / 146_096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const day = Number(doy - (153n * mp + 2n) / 5n + 1n);
  const month = Number(mp < 10n ? mp + 3n : mp - 9n);
  const year = Number(yoe + era * 400n) + (month <= 2 ? 1 : 0);
  return { year, month, day, weekday };
}
