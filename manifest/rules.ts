/**
 * Checks on the unified manifest that its JSON schema can't express: what Teams and Outlook reject at upload or
 * at run time (icon sizes, https, domains, SSO resource, localization keys that point nowhere).
 */
import { decodePng } from './png';
import type { Problem } from './schema';
import { findPlaceholders, PLACEHOLDER_SOURCES, type PlaceholderName } from './values';

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Unfilled ${{NAME}} placeholders, with the variable that fills each. */
export function checkPlaceholders(file: string, text: string): Problem[] {
  return findPlaceholders(text).map((name) => ({
    file,
    message: `placeholder \${{${name}}} was not filled${
      name in PLACEHOLDER_SOURCES ? `: set ${PLACEHOLDER_SOURCES[name as PlaceholderName]}` : ' (unknown name)'
    } and run npm run package`,
  }));
}

/** Every string in the manifest that is a URL, with its readable location. */
function urls(value: unknown, where = ''): Array<{ where: string; url: string }> {
  if (typeof value === 'string') return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? [{ where, url: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => urls(item, `${where}[${i}]`));
  const object = asObject(value);
  if (!object) return [];
  return Object.entries(object).flatMap(([key, item]) =>
    key === '$schema' ? [] : urls(item, where ? `${where}.${key}` : key),
  );
}

function hostMatches(host: string, domain: string): boolean {
  const pattern = domain
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  const candidate = host.toLowerCase();
  if (pattern.startsWith('*.')) return candidate.endsWith(pattern.slice(1));
  return candidate === pattern;
}

/** Hosts that Microsoft serves itself and Teams accepts without listing them in validDomains. */
const MICROSOFT_HOSTS = [/\.microsoft\.com$/i, /\.office\.com$/i];

/** The domains rule: everything Teams/Outlook loads must be https and on a listed domain. */
function checkUrls(manifest: Json): Problem[] {
  const problems: Problem[] = [];
  const validDomains = asArray(manifest.validDomains).filter((d): d is string => typeof d === 'string');
  const developer = new Set(['developer.websiteUrl', 'developer.privacyUrl', 'developer.termsOfUseUrl']);
  for (const { where, url } of urls(manifest)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push({ file: 'manifest.json', where, message: `is not a valid URL: "${url}"` });
      continue;
    }
    if (parsed.protocol === 'api:') continue;
    if (parsed.protocol !== 'https:') {
      problems.push({ file: 'manifest.json', where, message: `must use https, got "${url}"` });
      continue;
    }
    if (developer.has(where) || MICROSOFT_HOSTS.some((host) => host.test(parsed.hostname))) continue;
    if (!validDomains.some((domain) => hostMatches(parsed.host, domain))) {
      problems.push({
        file: 'manifest.json',
        where,
        message: `host "${parsed.host}" is not in validDomains (${validDomains.join(', ') || 'empty'})`,
      });
    }
  }
  return problems;
}

function checkIds(manifest: Json): Problem[] {
  const problems: Problem[] = [];
  const botIds = asArray(manifest.bots).map((bot) => asObject(bot)?.botId);
  asArray(manifest.composeExtensions).forEach((extension, i) => {
    const botId = asObject(extension)?.botId;
    if (botId !== undefined && botIds.length > 0 && !botIds.includes(botId)) {
      problems.push({
        file: 'manifest.json',
        where: `composeExtensions[${i}].botId`,
        message: `"${String(botId)}" is not the bot's id (${botIds.map(String).join(', ')}): both must be MicrosoftAppId`,
      });
    }
  });
  const version = manifest.version;
  if (typeof version === 'string' && !/^\d+\.\d+\.\d+$/.test(version)) {
    problems.push({ file: 'manifest.json', where: 'version', message: `must be x.y.z, got "${version}"` });
  }
  const schema = manifest.$schema;
  const manifestVersion = manifest.manifestVersion;
  if (typeof schema === 'string' && typeof manifestVersion === 'string' && !schema.includes(`/v${manifestVersion}/`)) {
    problems.push({
      file: 'manifest.json',
      where: '$schema',
      message: `points to another version than manifestVersion ${manifestVersion}: "${schema}"`,
    });
  }
  const app = asObject(manifest.webApplicationInfo);
  if (app && typeof app.resource === 'string') {
    const match = /^api:\/\/([^/]+)\/(.+)$/.exec(app.resource);
    const validDomains = asArray(manifest.validDomains).filter((d): d is string => typeof d === 'string');
    if (!match) {
      problems.push({
        file: 'manifest.json',
        where: 'webApplicationInfo.resource',
        message: `must look like api://<host>/<app id>, got "${app.resource}"`,
      });
    } else {
      if (!validDomains.some((domain) => hostMatches(match[1] ?? '', domain))) {
        problems.push({
          file: 'manifest.json',
          where: 'webApplicationInfo.resource',
          message: `host "${match[1]}" is not in validDomains: Teams SSO needs the resource on a valid domain`,
        });
      }
      if (typeof app.id === 'string' && !(match[2] ?? '').includes(app.id)) {
        problems.push({
          file: 'manifest.json',
          where: 'webApplicationInfo.resource',
          message: `does not contain webApplicationInfo.id "${app.id}"`,
        });
      }
    }
  }
  return problems;
}

function png(files: Map<string, Buffer>, name: string, size: number, where: string): Problem[] {
  const content = files.get(name);
  if (!content) return [{ file: 'manifest.json', where, message: `names "${name}", which is not in the package` }];
  try {
    const image = decodePng(content);
    if (image.width !== size || image.height !== size) {
      return [{ file: name, message: `must be ${size}×${size} pixels, is ${image.width}×${image.height}` }];
    }
    return [];
  } catch (error) {
    return [{ file: name, message: `is not a readable PNG (${(error as Error).message})` }];
  }
}

function checkOutlineWhite(files: Map<string, Buffer>, name: string): Problem[] {
  const content = files.get(name);
  if (!content) return [];
  try {
    const { rgba } = decodePng(content);
    let opaque = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const alpha = rgba[i + 3] ?? 0;
      if (alpha === 0) continue;
      if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) {
        return [{ file: name, message: 'outline icon must be white on transparent: found a coloured pixel' }];
      }
      if (alpha === 255) opaque++;
    }
    if (opaque === rgba.length / 4) return [{ file: name, message: 'outline icon must have a transparent background' }];
    return [];
  } catch {
    return [];
  }
}

function checkIcons(manifest: Json, files: Map<string, Buffer>): Problem[] {
  const icons = asObject(manifest.icons);
  if (!icons) return [];
  const problems: Problem[] = [];
  if (typeof icons.color === 'string') problems.push(...png(files, icons.color, 192, 'icons.color'));
  if (typeof icons.outline === 'string') {
    problems.push(...png(files, icons.outline, 32, 'icons.outline'));
    problems.push(...checkOutlineWhite(files, icons.outline));
  }
  return problems;
}

/** Resolves "bots[0].commandLists[0].commands[3].title" in the manifest. */
function pathExists(manifest: Json, key: string): boolean {
  let current: unknown = manifest;
  for (const part of key.match(/[^.[\]]+/g) ?? []) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (asObject(current)) current = (current as Json)[part];
    else return false;
    if (current === undefined) return false;
  }
  return typeof current === 'string';
}

/** Localization files: present in the package, and every key points at a string the manifest really has. */
export function checkLocalizationKeys(manifest: Json, file: string, strings: Json): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(strings)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (!pathExists(manifest, key)) {
      problems.push({ file, where: key, message: 'translates a text that manifest.json does not have' });
    }
  }
  return problems;
}

export function localizationFiles(manifest: Json): Array<{ languageTag: string; file: string }> {
  const info = asObject(manifest.localizationInfo);
  return asArray(info?.additionalLanguages)
    .map((entry) => asObject(entry))
    .filter((entry): entry is Json => !!entry && typeof entry.file === 'string')
    .map((entry) => ({ languageTag: String(entry.languageTag), file: String(entry.file) }));
}

/** All rules beyond the schema for manifest.json, given the package's files (icons, localization). */
export function checkManifestRules(manifest: Json, files: Map<string, Buffer>): Problem[] {
  return [...checkIds(manifest), ...checkUrls(manifest), ...checkIcons(manifest, files)];
}
