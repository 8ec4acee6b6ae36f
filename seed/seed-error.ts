/** A seed file that cannot be read as records: its file, record and field, and what is wrong. */
export class SeedError extends Error {}
