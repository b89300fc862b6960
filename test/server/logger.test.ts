import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from '../../server/telemetry/logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger(stream) };
}

describe('log redaction', () => {
  it('censors secrets on the line and one level below, keeping everything else', () => {
    const { lines, logger } = capture();
    logger.level = 'info';
    logger.info({
      event: 'probe',
      apiKey: 'ak-123',
      token: 't-456',
      request: { authorization: 'Bearer abc', 'x-api-key': 'xk-789', path: '/api' },
      durationMs: 3,
    });
    expect(lines).toHaveLength(1);
    const text = JSON.stringify(lines[0]);
    for (const secret of ['ak-123', 't-456', 'Bearer abc', 'xk-789']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      event: 'probe',
      apiKey: '[redacted]',
      token: '[redacted]',
      request: { authorization: '[redacted]', 'x-api-key': '[redacted]', path: '/api' },
      durationMs: 3,
    });
  });

  it('leaves the caller’s object unchanged and copies nothing when there is nothing to censor', () => {
    const plain = { event: 'bot_turn', outcome: 'ok', nested: { kind: 'auth' } };
    expect(redactSecrets(plain)).toBe(plain);
    const withSecret = { event: 'x', nested: { password: 'pw' } };
    const redacted = redactSecrets(withSecret);
    expect(redacted).toEqual({ event: 'x', nested: { password: '[redacted]' } });
    expect(withSecret.nested.password).toBe('pw');
  });
});
