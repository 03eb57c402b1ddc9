// Layer rules (STYLE.md): the domain is pure, contexts meet only through the kernel and platform,
// and nothing below a resolver knows about GraphQL or HTTP.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain code depends on the kernel and decimal.js only: no framework, no I/O.',
      severity: 'error',
      from: { path: '^src/(kernel|modules/[^/]+/domain)/' },
      to: {
        pathNot: ['^src/kernel/', '^src/modules/[^/]+/domain/', '^src/modules/[^/]+/[^/]+\\.errors\\.ts$', 'node_modules/decimal\\.js'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-graphql-below-resolvers',
      comment: 'Handlers, domain and infrastructure do not import GraphQL or Fastify.',
      severity: 'error',
      from: { path: '^src/modules/.+\\.(handler|repository|projector|entity)\\.ts$' },
      to: { path: 'node_modules/(graphql|mercurius|@nestjs/graphql|fastify)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
