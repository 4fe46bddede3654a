// PGlite's contrib extensions are published under `exports` subpaths, which TypeScript's node10
// resolution (tsconfig) does not read; Node and tsx resolve them at run time.
declare module '@electric-sql/pglite/contrib/unaccent' {
  import type { Extension } from '@electric-sql/pglite';
  export const unaccent: Extension;
}
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import type { Extension } from '@electric-sql/pglite';
  export const pg_trgm: Extension;
}
declare module '@electric-sql/pglite/contrib/btree_gin' {
  import type { Extension } from '@electric-sql/pglite';
  export const btree_gin: Extension;
}
