export {};
//# sourceMappingURL=SlugRedirect.js.map