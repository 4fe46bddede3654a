/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
    // ESM-only packages (OpenID Connect: openid-client and what it imports) compiled to CommonJS:
    // plain node loads them with require(esm), which jest's module system does not do.
    '^.+/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  // Browser tests start Chromium and a server each: give them room on a 2-core machine.
  testTimeout: 30000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/global-setup.ts',
};
