export {};
//# sourceMappingURL=Participation.js.map