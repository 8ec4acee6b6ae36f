export {};
//# sourceMappingURL=Source.js.map