/** The time-tracking contract (time-contract.ts) over the sandbox in both answer shapes and the in-memory fake. */
import { randomUUID } from 'node:crypto';
import { createSandbox, type SandboxShape } from '../../sandbox/server';
import { InLooxClient } from '../../shared/inloox/client';
import { MemoryInLoox } from '../helpers/memory-inloox';
import { timeContract } from './time-contract';

for (const shape of ['odata', 'connector'] as SandboxShape[]) {
  timeContract(`InLooxClient over the ${shape}-shaped sandbox`, async () => {
    let now = Date.parse('2030-03-04T12:00:00Z');
    const sandbox = createSandbox({ rateLimit: false, shape, seed: false, clock: () => now });
    const running = await sandbox.listen(0, '127.0.0.1');
    const api = new InLooxClient({ baseUrl: running.baseUrl, apiKey: sandbox.accounts[0]!.apiKey });
    return { api, advance: (seconds) => (now += seconds * 1000), close: () => sandbox.close() };
  });
}

timeContract('MemoryInLoox (in-memory fake)', async () => {
  const api = new MemoryInLoox({ ContactId: randomUUID(), DisplayName: 'Max Mustermann', Email: 'max@example.com' });
  api.time.clock.now = Date.parse('2030-03-04T12:00:00Z');
  return { api, advance: (seconds) => (api.time.clock.now += seconds * 1000) };
});
