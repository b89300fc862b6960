import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { TabAssets } from './server/static';

const TAB_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface TabBuildOptions {
  /**
   * Replaces @microsoft/teams-js in the bundle with another module of the same shape: the browser tests
   * use it to stand in for the Teams host. Absolute path.
   */
  teamsJsModule?: string;
  minify?: boolean;
}

function replaceModule(name: string, replacement: string): Plugin {
  return {
    name: `replace-${name}`,
    setup(pluginBuild) {
      const filter = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      pluginBuild.onResolve({ filter }, () => ({ path: replacement }));
    },
  };
}

/** Bundles tab/web/main.ts and tab/web/tab.css in memory (no files written). */
export async function buildTabAssets(options: TabBuildOptions = {}): Promise<TabAssets> {
  const common = {
    bundle: true,
    write: false,
    minify: options.minify ?? true,
    sourcemap: false,
    legalComments: 'none' as const,
    logLevel: 'silent' as const,
    absWorkingDir: path.resolve(TAB_DIR, '..'),
  };
  const [script, style] = await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(TAB_DIR, 'web/main.ts')],
      format: 'iife',
      target: ['es2020', 'chrome100', 'safari15', 'edge100'],
      plugins: options.teamsJsModule ? [replaceModule('@microsoft/teams-js', options.teamsJsModule)] : [],
      outfile: 'tab.js',
    }),
    build({
      ...common,
      entryPoints: [path.join(TAB_DIR, 'web/tab.css')],
      outfile: 'tab.css',
      loader: { '.css': 'css' },
    }),
  ]);
  return { js: script.outputFiles![0]!.text, css: style.outputFiles![0]!.text };
}
