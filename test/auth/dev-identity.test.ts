import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { identityFromActivity, type ActivityLike } from '../../bot/identity';
import { DEV_IDENTITY, localModeGuid, PLAYGROUND_DEFAULT_USER } from '../../shared/auth/dev-identity';
import { isValidIdentity } from '../../shared/identity';
import { expectAgentsPlaygroundAssets, launchChromium } from '../helpers/browser';

describe('development identity', () => {
  it('is a valid identity derived from the Agents Playground default user', () => {
    expect(isValidIdentity(DEV_IDENTITY)).toBe(true);
    expect(DEV_IDENTITY).toEqual({
      tenantId: localModeGuid(PLAYGROUND_DEFAULT_USER.tenantId),
      objectId: localModeGuid(PLAYGROUND_DEFAULT_USER.aadObjectId),
    });
    expect(localModeGuid('0F6A1B2C-0000-4000-8000-000000000001')).toBe('0f6a1b2c-0000-4000-8000-000000000001');
  });

  it('is who the bot sees when the playground default user writes (one connection for bot, add-in and tab)', () => {
    const activity: ActivityLike = {
      channelId: 'msteams',
      from: { id: 'user-id-0', aadObjectId: PLAYGROUND_DEFAULT_USER.aadObjectId },
      conversation: { id: 'c1', tenantId: PLAYGROUND_DEFAULT_USER.tenantId },
      channelData: { tenant: { id: PLAYGROUND_DEFAULT_USER.tenantId } },
    };
    expect(identityFromActivity(activity, { localMode: true })).toEqual(DEV_IDENTITY);
  });
});

describe('the installed Agents Playground', () => {
  let capture: Server | undefined;
  let playground: ChildProcess | undefined;
  let browser: Browser | undefined;
  let workDir: string | undefined;

  afterAll(async () => {
    await browser?.close();
    if (playground && playground.exitCode === null) {
      const exited = new Promise((resolve) => playground!.once('exit', resolve));
      playground.kill('SIGTERM');
      await exited;
    }
    await new Promise((resolve) => (capture ? capture.close(resolve) : resolve(undefined)));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('really sends the default user ids that DEV_IDENTITY is derived from', async () => {
    const activities: ActivityLike[] = [];
    let received: () => void = () => {};
    const firstActivity = new Promise<void>((resolve) => (received = resolve));
    capture = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.url === '/api/messages' && body) {
          const activity = JSON.parse(body) as ActivityLike;
          activities.push(activity);
          if (activity.from?.aadObjectId) received();
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => capture!.listen(0, '127.0.0.1', resolve));
    const botEndpoint = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/api/messages`;

    // A folder without .m365agentsplayground.yml, so the playground uses its built-in users; a no-op xdg-open
    // keeps it from trying to open a desktop browser.
    workDir = mkdtempSync(path.join(tmpdir(), 'playground-'));
    writeFileSync(path.join(workDir, 'xdg-open'), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(workDir, 'xdg-open'), 0o755);
    const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
    playground = spawn(
      process.execPath,
      [cli, '--app-endpoint', botEndpoint, '--channel-id', 'msteams', '--port', '0', '--disable-telemetry'],
      {
        cwd: workDir,
        env: { ...process.env, PATH: `${workDir}${path.delimiter}${process.env.PATH ?? ''}`, BROWSER: 'none' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Listening on (\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      };
      playground!.stdout!.on('data', onData);
      playground!.stderr!.on('data', onData);
      playground!.once('exit', (code) => reject(new Error(`playground exited (${code}): ${output}`)));
    });

    browser = await launchChromium();
    const page = await browser.newPage();
    expectAgentsPlaygroundAssets(page);
    await page.goto(`http://127.0.0.1:${port}/`);
    await firstActivity;

    const activity = activities.find((a) => a.from?.aadObjectId);
    expect(activity?.from?.aadObjectId).toBe(PLAYGROUND_DEFAULT_USER.aadObjectId);
    expect(activity?.conversation?.tenantId).toBe(PLAYGROUND_DEFAULT_USER.tenantId);
    expect(identityFromActivity(activity!, { localMode: true })).toEqual(DEV_IDENTITY);
  }, 90_000);
});
