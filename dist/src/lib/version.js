import { readFileSync } from 'node:fs';
/** Chronicle's version, from package.json, read once when first imported. */
export const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
//# sourceMappingURL=version.js.map