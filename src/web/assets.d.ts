// What the web build (tools/make/web.ts) gives the page's bundles that TypeScript cannot see by itself.

/** A TDB database, bundled parsed: the JSON of src/thermo/tdb/serialize.ts (tools/make/web.ts). */
declare module '*.tdb' {
  const databaseJson: string;
  export default databaseJson;
}

/** SHA-256 (hex) of the bundled default database, computed at build time (esbuild `define`). */
declare const __DATABASE_SHA256__: string;
