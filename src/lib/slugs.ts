// Slugs made from names and titles, for records that come without one.

/** A record's slug made from its name or title: "Trump meets Macron in Brussels" -> "trump-meets-macron-in-brussels". */
export function slugFrom(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    if (slug && slug.length + word.length + 1 > 60) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug || 'record';
}
