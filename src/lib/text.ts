// The characters no input may carry, whatever reads it (GraphQL, an export's query string, an
// import file): PostgreSQL cannot store NUL at all, other control characters are invisible and
// break the CSV, iCalendar and log lines they reach, and a lone UTF-16 surrogate cannot be written
// as UTF-8 without becoming U+FFFD, which would store something other than what was given.

// Control characters (Unicode's Cc) but tab, line feed and carriage return; surrogates, which the
// u flag matches only when unpaired. Matching control characters is this expression's purpose.
// biome-ignore lint/suspicious/noControlCharactersInRegex: it finds them to refuse them
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDFFF]/u;

/** What is wrong with a text, for a message: "U+0000 (a control character) at character 3"; or undefined. */
export function unsafeCharacter(text: string): string | undefined {
  const found = UNSAFE.exec(text);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0);
  const name = code >= 0xd800 && code <= 0xdfff ? 'half of a surrogate pair, not a character' : 'a control character';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} (${name}) at character ${found.index + 1}: remove it`;
}
