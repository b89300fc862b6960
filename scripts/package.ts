/**
 * npm run package: fills the manifest templates from the environment (and .env) and writes build/appPackage.zip
 * and build/outlook-addin.xml. Reads only public ids and URLs, never secrets. See docs/deploy.md.
 */
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { runPackage } from '../manifest/commands';

if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true });
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
const result = await runPackage(process.env, outDir);
for (const line of result.lines) (result.ok ? console.log : console.error)(line);
process.exitCode = result.ok ? 0 : 1;
