export {};
//# sourceMappingURL=Affiliation.js.map