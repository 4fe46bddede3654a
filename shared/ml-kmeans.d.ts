// ml-kmeans declares its types through package.json `exports` only, which the "node10" module
// resolution of tsconfig.json does not read: this points TypeScript at the same declarations.
declare module 'ml-kmeans' {
  export { kmeans, type Options } from 'ml-kmeans/lib/kmeans';
}
