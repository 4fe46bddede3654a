/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
    // ESM-only packages (OpenID Connect: openid-client and what it imports) compiled to CommonJS:
    // plain node loads them with require(esm), which jest's module system does not do.
    // Likewise k-means (opinion groups, issue 18): ml-kmeans and the ESM-only mljs packages it imports.
    '^.+/node_modules/(openid-client|oauth4webapi|jose|ml-kmeans|ml-distance-euclidean|ml-nearest-vector|ml-spectra-processing|ml-array-[a-z]+|is-any-array|cheminfo-types|binary-search|fft\\.js|ml-matrix)/.+\\.m?js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose|ml-kmeans|ml-distance-euclidean|ml-nearest-vector|ml-spectra-processing|ml-array-[a-z]+|is-any-array|cheminfo-types|binary-search|fft\\.js|ml-matrix)/)'],
  // Browser tests start Chromium and a server each, and run axe on every page they open: give them
  // room on a 2-core machine (a test that hangs still fails, later).
  testTimeout: 90000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/global-setup.ts',
};
