// What the web build (src/web/build.ts) gives the page's bundles that TypeScript cannot see by itself.

/** A TDB database, bundled as text (esbuild's text loader). */
declare module '*.tdb' {
  const text: string;
  export default text;
}

/** SHA-256 (hex) of the bundled default database, computed at build time (esbuild `define`). */
declare const __DATABASE_SHA256__: string;
