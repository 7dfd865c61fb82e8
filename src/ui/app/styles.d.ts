// Bun bundles the stylesheet imported by main.ts into app.css; TypeScript only needs to know the import exists.
declare module "*.css" {}
