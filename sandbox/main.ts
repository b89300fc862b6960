import path from 'node:path';
import { createSandbox, DEFAULT_RATE_LIMIT, DEMO_USERS } from './server';

/** `npm run sandbox`: the InLoox sandbox alone, with its demo accounts. */
function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive whole number, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

const port = positiveInt('SANDBOX_PORT', 8787);
const keys = process.env.SANDBOX_KEYS?.split(',')
  .map((k) => k.trim())
  .filter(Boolean);
const dataDir = path.resolve(process.env.SANDBOX_DATA_DIR || path.join(process.env.DATA_DIR || 'data', 'sandbox'));
const rateLimit = {
  calls: positiveInt('INLOOX_RATE_LIMIT', DEFAULT_RATE_LIMIT.calls),
  windowMs: positiveInt('INLOOX_RATE_WINDOW_SECONDS', DEFAULT_RATE_LIMIT.windowMs / 1000) * 1000,
};

const sandbox = createSandbox({ dataDir, keys: keys?.length ? keys : undefined, rateLimit });
const running = await sandbox.listen(port, process.env.SANDBOX_HOST || '127.0.0.1');

console.log(`InLoox sandbox running`);
console.log(`  Cloud base URL:       ${running.baseUrl}`);
console.log(`  Self-hosted base URL: ${running.selfHostedBaseUrl}`);
console.log(`  Data:                 ${dataDir}`);
console.log(`  Answer shapes:        ${sandbox.shape} (SANDBOX_SHAPE, see docs/sandbox.md)`);
console.log(`  Throttling:           ${rateLimit.calls} calls per ${rateLimit.windowMs / 1000} s per key`);
console.log(`  API keys (header x-api-key):`);
for (const account of sandbox.accounts) {
  const demo = DEMO_USERS.find((u) => u.apiKey === account.apiKey);
  console.log(`    ${account.apiKey}  ${account.displayName} <${account.email}>${demo ? ` (${demo.language})` : ''}`);
}
console.log(`  Try: curl -H 'x-api-key: ${sandbox.accounts[0]!.apiKey}' '${running.baseUrl}UserInfo/Me()'`);

const stop = async () => {
  await running.close();
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
