export {};
//# sourceMappingURL=EventRelation.js.map