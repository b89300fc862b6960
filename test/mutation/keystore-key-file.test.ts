/** The local key file's creation when the file system refuses the final link for a reason other than a race. */
import { link, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveEncryptionKey } from '../../shared/keystore/crypto';

// Only a file system without hard links (or a full disk) fails link() with something other than EEXIST.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, link: vi.fn(actual.link) };
});

describe('resolveEncryptionKey when the key file cannot be linked into place', () => {
  it('reports the file system error itself and leaves no temp file', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mutation-key-link-'));
    try {
      const refused = Object.assign(new Error('operation not permitted, link'), { code: 'EPERM' });
      vi.mocked(link).mockRejectedValueOnce(refused);
      await expect(resolveEncryptionKey({ mode: 'local', dataDir })).rejects.toBe(refused);
      expect(await readdir(dataDir)).toEqual([]);
      // The next start is not blocked by the failed one.
      expect((await resolveEncryptionKey({ mode: 'local', dataDir })).length).toBe(32);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
