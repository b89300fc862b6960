import { ADDIN_XML_NAME, checkConsistency, validateAddinXml } from './addin-xml';
import type { AppPackage } from './build';
import { checkLocalizationKeys, checkManifestRules, checkPlaceholders, localizationFiles } from './rules';
import { formatProblem, TOOLKIT_SCHEMAS_DIR, validateAgainstSchema, type Problem } from './schema';

export { formatProblem, type Problem } from './schema';

type Json = Record<string, unknown>;

function parseJson(file: string, content: Buffer): { value?: Json; problems: Problem[] } {
  try {
    const value = JSON.parse(content.toString('utf8')) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return { problems: [{ file, message: 'must contain a JSON object' }] };
    }
    return { value: value as Json, problems: [] };
  } catch (error) {
    return { problems: [{ file, message: `is not valid JSON: ${(error as Error).message}` }] };
  }
}

/**
 * The schemas of @microsoft/app-manifest and those the Agents Toolkit validates with; a problem both report is
 * listed once.
 */
function bothSchemas(data: Json, version: string, kind: 'manifest' | 'localization', file: string): Problem[] {
  const problems = [
    ...validateAgainstSchema(data, version, kind, file),
    ...validateAgainstSchema(data, version, kind, file, TOOLKIT_SCHEMAS_DIR),
  ];
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(formatProblem(problem)) && Boolean(seen.add(formatProblem(problem))));
}

/**
 * Validates what an administrator uploads, offline: the app zip's entries against the schemas shipped in
 * @microsoft/app-manifest plus the rules Teams applies, the XML add-in manifest through the Office parser, and the
 * two manifests against each other. An empty list means the package is good.
 */
export async function validateAppPackage(appPackage: AppPackage): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [name, content] of appPackage.files) {
    if (name.endsWith('.json')) problems.push(...checkPlaceholders(name, content.toString('utf8')));
    if (name.includes('/')) {
      problems.push({ file: name, message: 'must be at the root of the zip, not in a folder' });
    }
  }
  problems.push(...checkPlaceholders(ADDIN_XML_NAME, appPackage.addinXml));

  const manifestContent = appPackage.files.get('manifest.json');
  if (!manifestContent) return [...problems, { file: 'manifest.json', message: 'is missing from the app package' }];
  const { value: manifest, problems: parseProblems } = parseJson('manifest.json', manifestContent);
  problems.push(...parseProblems);
  if (!manifest) return problems;

  const version = typeof manifest.manifestVersion === 'string' ? manifest.manifestVersion : '';
  problems.push(...bothSchemas(manifest, version, 'manifest', 'manifest.json'));
  problems.push(...checkManifestRules(manifest, appPackage.files));

  for (const { file } of localizationFiles(manifest)) {
    const content = appPackage.files.get(file);
    if (!content) {
      problems.push({
        file: 'manifest.json',
        where: 'localizationInfo',
        message: `names "${file}", not in the package`,
      });
      continue;
    }
    const { value: strings, problems: stringProblems } = parseJson(file, content);
    problems.push(...stringProblems);
    if (!strings) continue;
    problems.push(...bothSchemas(strings, version, 'localization', file));
    problems.push(...checkLocalizationKeys(manifest, file, strings));
  }

  const { converted, problems: xmlProblems } = await validateAddinXml(appPackage.addinXml);
  problems.push(...xmlProblems);
  if (converted) problems.push(...checkConsistency(manifest, converted, appPackage.addinXml));
  return problems;
}
