// CSS files are bundled by esbuild; TypeScript only needs to know they can be imported.
declare module "*.css";
