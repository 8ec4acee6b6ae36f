// The part of the `edtf` package Chronicle uses: its parser, which returns a plain syntax tree.
declare module 'edtf' {
  export interface EdtfNode {
    type: 'Date' | 'Year' | 'Season' | 'Interval' | 'Set' | 'List' | 'Decade' | 'Century';
    level: number;
    /**
     * Date: [year, month0?, day?, hour?, minute?, second?]; Interval: [start, end], each a node,
     * ±Infinity when open (".."), or null when unknown (empty); Set: nodes or [from, to] pairs.
     */
    values: unknown[];
    /** true for the whole value, or a bitmask of digits (year 0-3, month 4-5, day 6-7). */
    approximate?: boolean | number;
    uncertain?: boolean | number;
    /** Bitmask of the digits written X (year 0-3, month 4-5, day 6-7). */
    unspecified?: number;
    /** Minutes east of UTC, for a time of day. */
    offset?: number;
    earlier?: boolean;
    later?: boolean;
  }
  export function parse(input: string, options?: { level?: number; types?: string[] }): EdtfNode;
}
