import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** One thing wrong with the package, in words an administrator can act on. */
export interface Problem {
  /** The file it is in: manifest.json, de.json, outlook-addin.xml, color.png … */
  file: string;
  /** Where in the file, e.g. developer.privacyUrl; empty for the whole file. */
  where?: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}${problem.where ? ` › ${problem.where}` : ''}: ${problem.message}`;
}

/** The JSON schemas shipped inside @microsoft/app-manifest (offline; never fetched). */
export const SCHEMAS_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

/** The same Teams schemas as bundled in the Microsoft 365 Agents Toolkit CLI (see vendor/m365agentstoolkit/SOURCE.md). */
export const TOOLKIT_SCHEMAS_DIR = fileURLToPath(new URL('../vendor/m365agentstoolkit/teams/', import.meta.url));

/** Where a set of schemas comes from, for problem messages. */
const SCHEMA_SOURCES = new Map([
  [SCHEMAS_DIR, '@microsoft/app-manifest'],
  [TOOLKIT_SCHEMAS_DIR, 'the Microsoft 365 Agents Toolkit'],
]);

export type SchemaKind = 'manifest' | 'localization';

function schemaFile(version: string, kind: SchemaKind, dir: string): string {
  const name = kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json';
  return path.join(dir, `v${version}`, name);
}

const compiled = new Map<string, ValidateFunction>();

/** The validator for a manifest version, or undefined when @microsoft/app-manifest ships no schema for it. */
export function schemaValidator(version: string, kind: SchemaKind, dir = SCHEMAS_DIR): ValidateFunction | undefined {
  const key = `${dir}|${version}/${kind}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  if (!/^[0-9A-Za-z.]+$/.test(version)) return undefined;
  const file = schemaFile(version, kind, dir);
  if (!existsSync(file)) return undefined;
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  compiled.set(key, validate);
  return validate;
}

/** "/bots/0/scopes/1" → "bots[0].scopes[1]" */
export function readablePath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

function describe(error: ErrorObject, data: unknown): { where: string; message: string } {
  const value = valueAt(data, error.instancePath);
  const where = readablePath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { where: where ? `${where}.${missing}` : missing, message: 'is required but missing' };
    }
    case 'additionalProperties':
      return { where, message: `has an unknown property "${String(params.additionalProperty)}"` };
    case 'maxLength':
      return {
        where,
        message: `is too long: ${String(value).length} characters, at most ${String(params.limit)} allowed (${preview(value)})`,
      };
    case 'enum':
      return {
        where,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${preview(value)}`,
      };
    case 'pattern':
      if (error.schemaPath.includes('/guid/')) return { where, message: `must be a GUID, got ${preview(value)}` };
      if (error.schemaPath.includes('/httpsUrl/'))
        return { where, message: `must be an https URL, got ${preview(value)}` };
      return { where, message: `has an invalid format: ${preview(value)}` };
    default:
      return { where, message: `${error.message ?? 'is invalid'}${value === undefined ? '' : ` (${preview(value)})`}` };
  }
}

/** Validates against a shipped schema; one readable problem per distinct error. */
export function validateAgainstSchema(
  data: unknown,
  version: string,
  kind: SchemaKind,
  file: string,
  dir = SCHEMAS_DIR,
): Problem[] {
  const validate = schemaValidator(version, kind, dir);
  if (!validate) {
    const source = SCHEMA_SOURCES.get(dir) ?? dir;
    return [{ file, message: `no ${kind} schema for manifest version "${version}" in ${source}` }];
  }
  if (validate(data)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of validate.errors ?? []) {
    // "must match a schema in anyOf" repeats what the branches already said.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const { where, message } = describe(error, data);
    const key = `${where}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file, where, message });
  }
  return problems;
}
