/**
 * The import directions of the product, checked by `npm run lint` (dependency-cruiser).
 * test/architecture/dependency-rules.test.ts proves that each rule reports a tree that breaks it.
 */

/** Everything that ships; tests and benchmarks may reach into any layer. */
const PRODUCT = '^(shared|bot|addin|tab|ui|server|manifest|scripts)/';
const BROWSER = '^(ui|addin/web|tab/web)/';
const SERVER_SIDE = '^(server|addin/server|tab/server)/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import circles make the layers impossible to read and to load in parts.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      comment: 'shared/ is domain code every surface builds on; it never depends on a surface or the sandbox.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(bot|addin|tab|ui|server|sandbox)/' },
    },
    {
      name: 'browser-not-server',
      comment: 'Browser code (ui/, addin/web, tab/web) is bundled for the client and never imports server code.',
      severity: 'error',
      from: { path: BROWSER },
      to: { path: SERVER_SIDE },
    },
    {
      name: 'server-not-browser',
      comment:
        'Server code (server/, bot/, addin/server, tab/server) never imports browser code; the wire contract both sides read lives in shared/.',
      severity: 'error',
      from: { path: '^(server|bot|addin/server|tab/server)/' },
      to: { path: BROWSER },
    },
    {
      name: 'routers-not-on-app',
      comment:
        'server/ composes: the routers it mounts depend on the small HTTP helpers, never on the app, the entry point or the service wiring.',
      severity: 'error',
      from: { path: '^(bot|addin|tab|manifest)/' },
      to: { path: '^server/(app|main|services|playground)\\.ts$' },
    },
    {
      name: 'sandbox-only-in-local-mode',
      comment: 'The InLoox sandbox is a stand-in; only the entry point starts it, for local mode.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: '^server/main\\.ts$' },
      to: { path: '^sandbox/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|build|data|coverage|reports|\\.tmp)/|\\.bundle\\.js$' },
    // Type-only imports count: the circle this guards against ran through a type.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
