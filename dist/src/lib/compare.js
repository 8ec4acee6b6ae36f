/** Orders strings by code point, as PostgreSQL's "C" collation and our slug tie-breaks do. */
export function byCodePoint(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
//# sourceMappingURL=compare.js.map