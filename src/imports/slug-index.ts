// The slugs of an import's events, in a few bytes each: a million slugs and rows in a Map took
// 100 MB, most of what a large import held. Each slug is kept as two 32-bit hashes with its row,
// in an open-addressing table, to find an earlier event with the same slug.

/** A 32-bit hash of a string's UTF-16 code units: FNV-1a from `seed`, then MurmurHash3's finaliser. */
function hash(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const FIRST_SEED = 0x811c9dc5;
const SECOND_SEED = 0x2545f491;

export class SlugIndex {
  /** Slots: both hashes and the row (0: empty; rows count from 1). */
  #first = new Uint32Array(1024);
  #second = new Uint32Array(1024);
  #rows = new Uint32Array(1024);
  #slots = 0;

  /**
   * Adds the slug of the event at `row` (from 1). Returns the row of an earlier event whose slug
   * has both hashes of this one: the same slug, but for a chance of about one in 2^64 per pair,
   * which the caller settles by reading that row's slug.
   */
  add(slug: string, row: number): number | undefined {
    const first = hash(slug, FIRST_SEED);
    const second = hash(slug, SECOND_SEED);
    const slot = this.#find(first, second);
    if (this.#rows[slot] !== 0) return this.#rows[slot];
    this.#first[slot] = first;
    this.#second[slot] = second;
    this.#rows[slot] = row;
    this.#slots += 1;
    // At most half full, so that a probe ends soon.
    if (this.#slots * 2 > this.#rows.length) this.#rehash();
    return undefined;
  }

  /** The slot holding these hashes, or the empty one where they go. */
  #find(first: number, second: number): number {
    const mask = this.#rows.length - 1;
    let slot = first & mask;
    while (this.#rows[slot] !== 0 && (this.#first[slot] !== first || this.#second[slot] !== second)) slot = (slot + 1) & mask;
    return slot;
  }

  #rehash(): void {
    const [first, second, rows] = [this.#first, this.#second, this.#rows];
    const length = rows.length * 2;
    this.#first = new Uint32Array(length);
    this.#second = new Uint32Array(length);
    this.#rows = new Uint32Array(length);
    for (let i = 0; i < rows.length; i += 1) {
      if (rows[i] === 0) continue;
      const slot = this.#find(first[i]!, second[i]!);
      this.#first[slot] = first[i]!;
      this.#second[slot] = second[i]!;
      this.#rows[slot] = rows[i]!;
    }
  }
}
