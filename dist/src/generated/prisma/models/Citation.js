export {};
//# sourceMappingURL=Citation.js.map