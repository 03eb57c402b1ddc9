// The house rules of src/ (STYLE.md, README "Module map"). Layers, lowest first:
//   kernel  <-  config  <-  platform  <-  modules (contexts)  <-  wiring (app.module, bootstrap, main, cli)
// An arrow reads "is imported by": each layer imports only the layers to its left, and a context
// reaches another context only through that context's public face (its index.ts).
// Check one rule alone: npx depcruise src --config .dependency-cruiser.js --output-type err-long
const MODULE = '^src/modules/[^/]+/';
const PUBLIC_FACE = ['^src/modules/[^/]+/index\\.ts$', '^src/modules/[^/]+/[^/]+\\.contract\\.ts$'];
const WIRING = ['^src/cli/', '^src/(app\\.module|bootstrap|main)\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'context-through-public-face',
      comment:
        'A context reaches another only through what it publishes (its index.ts: commands, queries, public ' +
        'types, the wire contract). Its domain, infrastructure and handlers may change without asking anyone.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: MODULE, pathNot: ['^src/modules/$1/', ...PUBLIC_FACE] },
    },
    {
      name: 'wiring-through-public-face',
      comment:
        'The CLI and the app wiring see a context as other contexts do, plus its Nest module to import: ' +
        'what the CLI needs from a context is part of that context\'s public face.',
      severity: 'error',
      from: { path: WIRING },
      to: { path: MODULE, pathNot: [...PUBLIC_FACE, '^src/modules/[^/]+/[^/]+\\.module\\.ts$'] },
    },
    {
      name: 'kernel-is-the-floor',
      comment: 'Value objects, domain errors and events are the base everything builds on; they import only each other.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: '^src/kernel/' },
    },
    {
      name: 'config-below-platform',
      comment: 'Configuration is read by the platform and the contexts; it knows none of them.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: ['^src/config/', '^src/kernel/'] },
    },
    {
      name: 'platform-never-imports-a-module',
      comment:
        'The platform (event log, relay, delivery, messaging, auth, GraphQL, health...) serves every context ' +
        'and knows none: a context plugs in through the platform\'s interfaces and tokens.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: MODULE },
    },
    {
      name: 'nothing-imports-wiring',
      comment:
        'The app module, bootstrap, main and the CLI assemble the layers below; nothing below may import them, ' +
        'or a context would start the app it is part of. Wiring may use wiring (the CLI boots the app).',
      severity: 'error',
      from: { path: '^src/(kernel|config|platform|modules)/' },
      to: { path: WIRING },
    },
    {
      name: 'no-test-code-in-production',
      comment:
        'Fixtures, builders and the harness live in test/ (and specs are excluded below): production code that ' +
        'imports them would drag test data into the build.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ['^test/', '^bench/', '\\.fixtures\\.ts$'] },
    },
    {
      name: 'domain-is-pure',
      comment:
        'Domain code decides without I/O: it depends on the kernel, its own context\'s domain and errors, and ' +
        'decimal.js only; no framework, no database, no broker.',
      severity: 'error',
      from: { path: '^src/(kernel|modules/[^/]+/domain)/' },
      to: {
        pathNot: ['^src/kernel/', '^src/modules/[^/]+/domain/', '^src/modules/[^/]+/[^/]+\\.errors\\.ts$', 'node_modules/decimal\\.js'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-graphql-below-resolvers',
      comment: 'Only resolvers speak GraphQL: handlers, repositories, projectors and entities do not import GraphQL or Fastify.',
      severity: 'error',
      from: { path: '^src/modules/.+\\.(handler|repository|projector|entity)\\.ts$' },
      to: { path: 'node_modules/(graphql|mercurius|@nestjs/graphql|fastify)/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two files one unit that cannot be understood, tested or moved apart.',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Specs may reach into what they test; the rules are about production code.
    exclude: { path: '\\.spec\\.ts$' },
  },
};
