// Page sizes: 20 by default, at most 100, and a request for more is refused rather than quietly
// cut, so a client never mistakes a truncated page for the whole answer.
import { clientError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

interface PageArgs {
  first?: number | null;
  last?: number | null;
}

/** Used as a connection's maxSize: returns the cap, or refuses a page above it. */
export function maxPageSize(args: PageArgs): number {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && size > MAX_PAGE_SIZE) {
      throw clientError(
        'PAGE_TOO_LARGE',
        `asks for ${size} items; a page holds at most ${MAX_PAGE_SIZE}. Page through with "after" (or "before") instead.`,
        name,
      );
    }
  }
  return MAX_PAGE_SIZE;
}

/** The page size a request asks for, as the complexity estimate counts it. */
export function requestedPageSize(args: PageArgs): number {
  return Math.max(0, args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
}
