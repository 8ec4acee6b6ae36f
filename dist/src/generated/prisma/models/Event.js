export {};
//# sourceMappingURL=Event.js.map