// Stylesheets imported for their effect: the build bundles them into the page's one stylesheet.
declare module '*.css';
