/** The documentation stays true to the repository: links resolve, the README stays short, every variable is documented. */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bot/registry';
import {
  brokenRefs,
  envNamesIn,
  headingAnchors,
  markdownFiles,
  markdownRefs,
  scanEnvNames,
  undocumented,
} from './docs-check';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const DOCS = ['README.md', 'CONTRIBUTING.md', ...markdownFiles(ROOT, 'docs')];
/** Everything that can read the environment: product, tools, tests, and the configuration files at the root. */
const CODE = [
  'shared',
  'server',
  'sandbox',
  'scripts',
  'bench',
  'bot',
  'addin',
  'tab',
  'ui',
  'manifest',
  'test',
  ...readdirSync(ROOT).filter((file) => /\.(?:ts|mts|js|mjs|cjs)$/.test(file)),
];
const CONFIGURATION_PAGE = 'docs/configuration.md';

describe('documentation', () => {
  it('README.md is at most 12 KB', () => {
    expect(statSync(path.join(ROOT, 'README.md')).size).toBeLessThanOrEqual(12 * 1024);
  });

  it('every relative link and image in README.md, CONTRIBUTING.md and docs/ resolves, anchors included', () => {
    expect(DOCS).toEqual(expect.arrayContaining(['docs/configuration.md', 'docs/user-guide.md', 'docs/deploy.md']));
    expect(brokenRefs(ROOT, DOCS)).toEqual([]);
  });

  it('every environment variable the code reads is documented on the configuration page', () => {
    const found = scanEnvNames(ROOT, CODE, ['test/docs']);
    const missing = undocumented(found.keys(), read(CONFIGURATION_PAGE)).map(
      (name) => `${name} (read in ${found.get(name)!.join(', ')})`,
    );
    expect(missing).toEqual([]);
  });

  it('the user guide lists every chat command under each of its English and German names', () => {
    const guide = read('docs/user-guide.md');
    const missing = COMMANDS.flatMap((command) => [...command.names.en, ...command.names.de]).filter(
      (name) => !guide.includes(`\`${name}\``) && !guide.includes(`\`${name} `),
    );
    expect(COMMANDS.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

describe('the environment scanner', () => {
  it('finds variables read in each form the code uses, in the real sources', () => {
    const found = scanEnvNames(ROOT, CODE, ['test/docs']);
    // process.env.X, env.X on a passed-in env, a helper reading env[name], and process.env[name] through a helper.
    expect(found.get('SANDBOX_SHAPE')).toContain(path.join('sandbox', 'server.ts'));
    expect(found.get('NEW_KEY_ENCRYPTION_KEY')).toEqual([path.join('scripts', 'rotate-key.ts')]);
    expect(found.get('PORT')).toContain(path.join('shared', 'config.ts'));
    expect(found.get('TEAMS_APP_ID')).toContain(path.join('manifest', 'values.ts'));
    expect(found.get('SANDBOX_PORT')).toContain(path.join('sandbox', 'main.ts'));
    expect(found.get('CHROMIUM_PATH')).toContain(path.join('test', 'helpers', 'browser.ts'));
  });

  it('recognises every form on a fixture, and reports a variable the page does not name', () => {
    const source = [
      "const a = process.env.ALPHA ?? '';",
      "const b = process.env['BRAVO'];",
      'const c = env.CHARLIE?.trim();',
      "const d = env['DELTA'];",
      'const { ECHO, FOXTROT: renamed = 1 } = process.env;',
      'function positive(env: NodeJS.ProcessEnv, name: string): number {',
      '  return Number(env[name]);',
      '}',
      "const g = positive(env, 'GOLF');",
      'function flag(name: string): boolean {',
      "  return process.env[name] === '1';",
      '}',
      "const h = flag('HOTEL');",
      "const notEnv = config.INDIA; const label = 'process.env is read'; fixed('JULIET');",
    ].join('\n');
    const names = envNamesIn(source, { envParameter: true });
    expect([...names].sort()).toEqual(['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA', 'ECHO', 'FOXTROT', 'GOLF', 'HOTEL']);
    expect([...envNamesIn(source, { envParameter: false })].sort()).toEqual([
      'ALPHA',
      'BRAVO',
      'ECHO',
      'FOXTROT',
      'GOLF',
      'HOTEL',
    ]);
    expect(
      undocumented(names, '| `ALPHA` | … |\n`BRAVO`, `CHARLIE`, `DELTA`, `ECHO`, `FOXTROT`, `GOLF`; HOTEL'),
    ).toEqual(['HOTEL']);
  });
});

describe('the link checker', () => {
  it('reads links and images inline, by reference and in HTML, but not inside code', () => {
    const refs = markdownRefs(
      [
        'See [a](a.md#top) and ![pic](img/p.png).',
        '',
        '[ref]: docs/ref.md',
        '',
        'A [reference][ref], <img src="html.png" alt="">.',
        '',
        '`[not](code.md)`',
        '',
        '```md',
        '[not](block.md)',
        '```',
      ].join('\n'),
    );
    expect(refs).toEqual([
      { kind: 'link', href: 'a.md#top' },
      { kind: 'image', href: 'img/p.png' },
      { kind: 'link', href: 'docs/ref.md' },
      { kind: 'image', href: 'html.png' },
    ]);
  });

  it('gives headings the anchors GitHub gives them', () => {
    const anchors = headingAnchors(
      '# Title\n\n## Answer shapes (`SANDBOX_SHAPE`)\n\n### 3. Single sign-on (Entra app)\n\n## Title\n',
    );
    expect([...anchors]).toEqual(['title', 'answer-shapes-sandbox_shape', '3-single-sign-on-entra-app', 'title-1']);
  });

  it('reports a missing file, a missing image and a missing heading, and accepts what exists', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'docs-check-'));
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs', 'shot.png'), '');
    writeFileSync(path.join(root, 'docs', 'guide.md'), '# Guide\n\n## Local mode\n\n[back](../README.md#run-it)\n');
    writeFileSync(
      path.join(root, 'README.md'),
      [
        '# Product',
        '## Run it',
        '[guide](docs/guide.md#local-mode) ![shot](docs/shot.png) [web](https://example.com/x.md) [self](#run-it)',
        '[gone](docs/gone.md) ![lost](docs/lost.png) [wrong](docs/guide.md#remote-mode) [here](#nowhere)',
      ].join('\n\n'),
    );
    expect(brokenRefs(root, ['README.md', path.join('docs', 'guide.md')])).toEqual([
      'README.md: link docs/gone.md: no such file',
      'README.md: image docs/lost.png: no such file',
      'README.md: link docs/guide.md#remote-mode: no heading #remote-mode',
      'README.md: link #nowhere: no heading #nowhere',
    ]);
  });
});
