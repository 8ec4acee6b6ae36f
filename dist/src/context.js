export function createContext(db) {
    return { db, eventFilters: new Map(), loaders: new Map() };
}
//# sourceMappingURL=context.js.map