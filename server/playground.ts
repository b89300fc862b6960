import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PlaygroundOptions {
  botEndpoint: string;
  port: number;
  dataDir: string;
}

export interface RunningPlayground {
  url: string;
  /** The port it listens on: the playground takes a random free one when the requested port is busy. */
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Loaded into the playground's process before it starts. The playground listens on every interface and has no
 * option for the host, yet whoever reaches it chats with the anonymous loopback bot as the development identity
 * (and its InLoox connection). Listening without a host therefore becomes listening on 127.0.0.1.
 */
const LOOPBACK_ONLY = `'use strict';
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  else if (args[0] && typeof args[0] === 'object' && args[0].host === undefined && args[0].path === undefined)
    args[0] = { ...args[0], host: '127.0.0.1' };
  return listen.apply(this, args);
};
`;

/**
 * Starts the Microsoft 365 Agents Playground (the Teams-like local client) pointed at the bot, on loopback only.
 * It tries to open a browser through xdg-open; on a machine without a desktop that fails, so a no-op
 * xdg-open is put first on its PATH.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const require = createRequire(import.meta.url);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const binDir = path.join(options.dataDir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const noop = path.join(binDir, 'xdg-open');
  writeFileSync(noop, '#!/bin/sh\nexit 0\n');
  chmodSync(noop, 0o755);
  const loopbackOnly = path.join(binDir, 'playground-loopback-only.cjs');
  writeFileSync(loopbackOnly, LOOPBACK_ONLY);

  const child = spawn(
    process.execPath,
    [
      '--require',
      loopbackOnly,
      cli,
      '--app-endpoint',
      options.botEndpoint,
      '--channel-id',
      'msteams',
      '--port',
      String(options.port),
      '--disable-telemetry',
    ],
    {
      env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Agents Playground did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (\d+)/i.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Agents Playground exited with code ${code}:\n${output}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url: `http://localhost:${port}`,
    port,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
