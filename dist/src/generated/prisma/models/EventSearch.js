export {};
//# sourceMappingURL=EventSearch.js.map