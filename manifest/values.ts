import { GUID_PATTERN as GUID } from '../shared/domain/guid';
/**
 * The values that fill the manifest templates, read from the environment. Only public identifiers and URLs:
 * packaging never reads MicrosoftAppPassword, KEY_ENCRYPTION_KEY or any other secret.
 */

/** The Teams app id (also the Outlook add-in id) used when TEAMS_APP_ID is not set. Stable: never change it. */
export const DEFAULT_TEAMS_APP_ID = '444acd37-bac8-482e-9db7-de239719b4fd';

export const INLOOX_CLOUD_HOST = 'app.inloox.com';

export interface PackageValues {
  /** Teams app id = Outlook add-in id (both manifests). */
  TEAMS_APP_ID: string;
  /** Azure Bot app id (MicrosoftAppId). */
  BOT_ID: string;
  /** Entra app used for SSO (webApplicationInfo). */
  SSO_APP_ID: string;
  /** https origin (and optional path) of the server, without a trailing slash. */
  PUBLIC_BASE_URL: string;
  /** Host (and port, if any) of PUBLIC_BASE_URL. */
  PUBLIC_HOST: string;
  /** Semantic version x.y.z (manifest.json). */
  APP_VERSION: string;
  /** Four-part version x.y.z.0 (XML manifest). */
  ADDIN_VERSION: string;
  /** Host of the configured InLoox (link unfurling); app.inloox.com when INLOOX_BASE_URL is unset. */
  INLOOX_HOST: string;
}

export type PlaceholderName = keyof PackageValues;

/** Which environment variable (or file) provides each placeholder, for error messages. */
export const PLACEHOLDER_SOURCES: Record<PlaceholderName, string> = {
  TEAMS_APP_ID: 'TEAMS_APP_ID',
  BOT_ID: 'MicrosoftAppId',
  SSO_APP_ID: 'SSO_APP_ID (defaults to MicrosoftAppId)',
  PUBLIC_BASE_URL: 'PUBLIC_BASE_URL',
  PUBLIC_HOST: 'PUBLIC_BASE_URL',
  APP_VERSION: 'the "version" of package.json',
  ADDIN_VERSION: 'the "version" of package.json',
  INLOOX_HOST: 'INLOOX_BASE_URL',
};

export class PackagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackagingError';
  }
}

function guid(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const value = env[name]?.trim() || fallback;
  if (!value) throw new PackagingError(`${name} is not set: it must be the GUID of the app registration.`);
  if (!GUID.test(value))
    throw new PackagingError(`${name} must be a GUID like ${DEFAULT_TEAMS_APP_ID}, got "${value}".`);
  return value.toLowerCase();
}

function publicBaseUrl(env: NodeJS.ProcessEnv): URL {
  const raw = env.PUBLIC_BASE_URL?.trim();
  if (!raw) {
    throw new PackagingError(
      'PUBLIC_BASE_URL is not set: it must be the public https address of the server, e.g. https://inloox-bot.example.com',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PackagingError(`PUBLIC_BASE_URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'https:') {
    throw new PackagingError(
      `PUBLIC_BASE_URL must start with https:// (Teams and Outlook load only https), got "${raw}"`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new PackagingError(`PUBLIC_BASE_URL must be a plain origin without query, fragment or credentials.`);
  }
  return url;
}

function inlooxHost(env: NodeJS.ProcessEnv): string {
  const raw = env.INLOOX_BASE_URL?.trim();
  if (!raw) return INLOOX_CLOUD_HOST;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PackagingError(`INLOOX_BASE_URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'https:') {
    throw new PackagingError(`INLOOX_BASE_URL must be https for link unfurling in Teams, got "${raw}"`);
  }
  return url.host;
}

/** x.y.z only: the XML manifest needs four numeric parts, so pre-release tags can't be expressed. */
function versions(appVersion: string): { APP_VERSION: string; ADDIN_VERSION: string } {
  if (!/^\d+\.\d+\.\d+$/.test(appVersion)) {
    throw new PackagingError(`the package.json version must be x.y.z (numbers only), got "${appVersion}"`);
  }
  return { APP_VERSION: appVersion, ADDIN_VERSION: `${appVersion}.0` };
}

/** Reads and checks every template value; throws PackagingError naming the variable to fix. */
export function resolvePackageValues(env: NodeJS.ProcessEnv, appVersion: string): PackageValues {
  const botId = guid(env, 'MicrosoftAppId');
  const url = publicBaseUrl(env);
  return {
    TEAMS_APP_ID: guid(env, 'TEAMS_APP_ID', DEFAULT_TEAMS_APP_ID),
    BOT_ID: botId,
    SSO_APP_ID: guid(env, 'SSO_APP_ID', botId),
    PUBLIC_BASE_URL: `${url.origin}${url.pathname}`.replace(/\/+$/, ''),
    PUBLIC_HOST: url.host,
    ...versions(appVersion),
    INLOOX_HOST: inlooxHost(env),
  };
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Names of the placeholders still present in a text. */
export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

export type Escaper = (value: string) => string;

export const escapeJsonString: Escaper = (value) => JSON.stringify(value).slice(1, -1);

export const escapeXml: Escaper = (value) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Replaces every ${{NAME}}; an unknown name is an error, so a typo in a template can't ship. */
export function fillTemplate(template: string, values: PackageValues, escape: Escaper): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.hasOwn(values, name)) {
      throw new PackagingError(
        `unknown placeholder \${{${name}}} in a template; known: ${Object.keys(values).join(', ')}`,
      );
    }
    return escape(values[name as PlaceholderName]);
  });
}
