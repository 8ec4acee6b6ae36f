export {};
//# sourceMappingURL=Actor.js.map