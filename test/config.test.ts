import { describe, expect, it } from 'vitest';
import { ConfigError, INLOOX_CLOUD_BASE_URL, loadConfig } from '../shared/config';
import { toLocale } from '../shared/i18n';
import { identityKey, isValidIdentity } from '../shared/identity';

describe('configuration', () => {
  it('is local mode with the embedded sandbox when no Microsoft app id is set', () => {
    const config = loadConfig({ SANDBOX_PORT: '9999' }, { readDotenv: false });
    expect(config.mode).toBe('local');
    expect(config.port).toBe(3978);
    expect(config.useEmbeddedSandbox).toBe(true);
    expect(config.inlooxBaseUrl).toBe('http://127.0.0.1:9999/api/odata/');
  });

  it('is production against InLoox Cloud with a Microsoft app id, and never uses the sandbox', () => {
    const config = loadConfig({ MicrosoftAppId: 'abc', KEY_ENCRYPTION_KEY: 'k'.repeat(44) }, { readDotenv: false });
    expect(config.mode).toBe('production');
    expect(config.useEmbeddedSandbox).toBe(false);
    expect(config.inlooxBaseUrl).toBe(INLOOX_CLOUD_BASE_URL);
  });

  it('honours a self-hosted base URL and adds the trailing slash', () => {
    const config = loadConfig(
      { MicrosoftAppId: 'abc', KEY_ENCRYPTION_KEY: 'x', INLOOX_BASE_URL: 'https://pm.example.org/api/v1/odata' },
      { readDotenv: false },
    );
    expect(config.inlooxBaseUrl).toBe('https://pm.example.org/api/v1/odata/');
  });

  it('refuses to start production without a key encryption key', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'abc' }, { readDotenv: false })).toThrow(/KEY_ENCRYPTION_KEY/);
  });

  it('rejects malformed numbers and URLs with a clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, { readDotenv: false })).toThrow(ConfigError);
    expect(() => loadConfig({ INLOOX_BASE_URL: 'not a url' }, { readDotenv: false })).toThrow(/INLOOX_BASE_URL/);
  });
});

describe('locale and identity', () => {
  it('maps language tags to English or German', () => {
    expect(toLocale('de-DE')).toBe('de');
    expect(toLocale('DE')).toBe('de');
    expect(toLocale('en-US')).toBe('en');
    expect(toLocale('fr-FR')).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });

  it('keys identities case-insensitively and validates guids', () => {
    const a = { tenantId: 'AAAAAAAA-0000-0000-0000-000000000001', objectId: 'bbbbbbbb-0000-0000-0000-000000000002' };
    expect(identityKey(a)).toBe('aaaaaaaa-0000-0000-0000-000000000001:bbbbbbbb-0000-0000-0000-000000000002');
    expect(isValidIdentity(a)).toBe(true);
    expect(isValidIdentity({ tenantId: 'x', objectId: a.objectId })).toBe(false);
  });
});
