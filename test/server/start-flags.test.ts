import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../scripts/start.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const command = `node ${SERVER_NODE_FLAGS.join(' ')} scripts/start.mjs`;

describe('every way the server is started uses the same Node flags and the bundle', () => {
  it('npm start, the Azure web app and the deployment guide run scripts/start.mjs with the server flags', () => {
    expect(SERVER_NODE_FLAGS).toContain('--max-semi-space-size=4');
    expect((JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start).toBe(command);
    expect(read('infra/azure.bicep')).toContain(`appCommandLine: '${command}'`);
    const deploy = read('docs/deploy.md');
    expect(deploy).toContain(`\`${command}\``);
    for (const text of [read('infra/azure.bicep'), deploy]) expect(text).not.toMatch(/--import tsx server\/main\.ts/);
  });

  it('the Azure web app has the server environment the start script gives its workers', () => {
    const bicep = read('infra/azure.bicep');
    for (const [name, value] of Object.entries(SERVER_ENV)) {
      expect(bicep).toMatch(new RegExp(`name: '${name}'\\s*\\n\\s*value: '${value}'`));
    }
  });
});
