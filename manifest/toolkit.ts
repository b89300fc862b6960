/**
 * The Microsoft 365 Agents Toolkit project files (m365agents.yml, m365agents.local.yml), checked offline against
 * the Toolkit's own YAML schema (vendor/m365agentstoolkit/SOURCE.md says where it comes from).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import { readablePath, type Problem } from './schema';

export const TOOLKIT_YAML_VERSION = 'v1.13';
export const TOOLKIT_YAML_FILES = ['m365agents.yml', 'm365agents.local.yml'];
const YAML_SCHEMA_FILE = fileURLToPath(
  new URL(`../vendor/m365agentstoolkit/yaml.schema.${TOOLKIT_YAML_VERSION}.json`, import.meta.url),
);

let compiled: ValidateFunction | undefined;
function yamlSchemaValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(YAML_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return compiled;
}

export interface ToolkitAction {
  uses: string;
  name?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

export interface ToolkitProject {
  version?: string;
  provision?: ToolkitAction[];
  deploy?: ToolkitAction[];
  publish?: ToolkitAction[];
}

/** The most specific schema errors: a lifecycle step matches one of ~40 actions, so anyOf noise is dropped. */
function describeErrors(errors: ErrorObject[], file: string): Problem[] {
  const specific = errors.filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf');
  const seen = new Set<string>();
  return (specific.length ? specific : errors)
    .map((error) => {
      const extra =
        error.keyword === 'additionalProperties'
          ? ` "${String((error.params as { additionalProperty?: string }).additionalProperty)}"`
          : '';
      return { file, where: readablePath(error.instancePath), message: `${error.message ?? 'is invalid'}${extra}` };
    })
    .filter((problem) => {
      const key = `${problem.where}|${problem.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
}

/** Parses a Toolkit YAML text and validates it; `project` is set when the YAML itself parsed. */
export function validateToolkitYaml(text: string, file: string): { project?: ToolkitProject; problems: Problem[] } {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return { problems: document.errors.map((error) => ({ file, message: `is not valid YAML: ${error.message}` })) };
  }
  const project = document.toJS() as ToolkitProject;
  const problems: Problem[] = [];
  const declared = /yaml-language-server: \$schema=\S*\/(v[\d.]+)\/yaml\.schema\.json/.exec(text)?.[1];
  if (declared !== TOOLKIT_YAML_VERSION) {
    problems.push({ file, message: `must declare the ${TOOLKIT_YAML_VERSION} schema comment, found ${declared}` });
  }
  const validate = yamlSchemaValidator();
  if (!validate(project)) problems.push(...describeErrors(validate.errors ?? [], file));
  return { project, problems };
}

export function readToolkitProject(root: string, file: string): { project?: ToolkitProject; problems: Problem[] } {
  return validateToolkitYaml(readFileSync(path.join(root, file), 'utf8'), file);
}

/** Every ${{NAME}} the Toolkit replaces from the environment files. */
export function toolkitPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((match) => match[1] ?? ''))];
}

/** Replaces ${{NAME}} as the Toolkit does; an unknown name is an error (the Toolkit would stop too). */
export function expandToolkitPlaceholders(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_match, name: string) => {
    if (!Object.hasOwn(env, name)) throw new Error(`\${{${name}}} is not defined in the environment`);
    return env[name] ?? '';
  });
}
