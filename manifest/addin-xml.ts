/**
 * Offline checks of the classic XML add-in manifest: well-formed XML, accepted by the Office manifest parser that
 * ships in office-addin-manifest-converter (it converts the XML to a unified manifest), the conversion valid against
 * the shipped JSON schema, and consistent with manifest.json (same add-in, same URLs, same version).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { convert } from 'office-addin-manifest-converter';
import { checkAddinXmlStructure } from './addin-xml-rules';
import { validateAgainstSchema, type Problem } from './schema';

export const ADDIN_XML_NAME = 'outlook-addin.xml';

type Json = Record<string, unknown>;

function problem(message: string, where?: string): Problem {
  return { file: ADDIN_XML_NAME, where, message };
}

/** Parses the XML; undefined plus a problem naming line and column when it isn't well-formed. */
export function parseXml(xml: string): { document?: Document; problems: Problem[] } {
  const { window } = new JSDOM('');
  try {
    const document = new window.DOMParser().parseFromString(xml, 'application/xml');
    const error = document.getElementsByTagName('parsererror')[0];
    if (error) return { problems: [problem(`is not well-formed XML: ${error.textContent?.trim() ?? 'parse error'}`)] };
    return { document, problems: [] };
  } finally {
    window.close();
  }
}

/**
 * Runs the Office manifest parser (the converter) on the XML. The converter's CLI exits 0 even when it fails, so
 * success is judged by the thrown error and by the converted manifest.json really being written.
 */
export async function convertAddinXml(xml: string): Promise<{ converted?: Json; problems: Problem[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'inloox-addin-xml-'));
  try {
    const input = path.join(dir, ADDIN_XML_NAME);
    const output = path.join(dir, 'converted');
    await writeFile(input, xml, 'utf8');
    try {
      await convert(input, output, false, undefined, undefined, false);
    } catch (error) {
      const detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
      return { problems: [problem(`is rejected by the Office add-in manifest parser: ${detail}`)] };
    }
    const convertedFile = path.join(output, 'manifest.json');
    if (!existsSync(convertedFile)) {
      return { problems: [problem('could not be converted: the Office manifest converter produced no manifest')] };
    }
    return { converted: JSON.parse(await readFile(convertedFile, 'utf8')) as Json, problems: [] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Well-formedness, the Office parser, and the JSON schema of the converted form. */
export async function validateAddinXml(xml: string): Promise<{ converted?: Json; problems: Problem[] }> {
  const parsed = parseXml(xml);
  if (!parsed.document) return { problems: parsed.problems };
  const root = parsed.document.documentElement;
  if (root.localName !== 'OfficeApp' || root.getAttribute('xsi:type') !== 'MailApp') {
    return { problems: [problem('must be an <OfficeApp xsi:type="MailApp"> manifest')] };
  }
  const structureProblems = checkAddinXmlStructure(parsed.document);
  const { converted, problems } = await convertAddinXml(xml);
  if (!converted) return { problems: [...structureProblems, ...problems] };
  const version = typeof converted.manifestVersion === 'string' ? converted.manifestVersion : '';
  const schemaProblems = validateAgainstSchema(converted, version, 'manifest', ADDIN_XML_NAME).map((p) => ({
    ...p,
    message: `${p.message} (after conversion to the unified format)`,
  }));
  return { converted, problems: [...structureProblems, ...schemaProblems] };
}

function asObject(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function extension(manifest: Json): Json {
  return asObject(asArray(manifest.extensions)[0]);
}

/** Pages opened by openPage actions (the task pane). */
function taskPanePages(manifest: Json): string[] {
  return asArray(extension(manifest).runtimes)
    .map(asObject)
    .filter((runtime) => asArray(runtime.actions).some((action) => asObject(action).type === 'openPage'))
    .map((runtime) => String(asObject(runtime.code).page));
}

interface RibbonButton {
  id: string;
  contexts: string[];
  icons: string[];
}

function ribbonButtons(manifest: Json): RibbonButton[] {
  return asArray(extension(manifest).ribbons).flatMap((ribbon) => {
    const contexts = asArray(asObject(ribbon).contexts).map(String);
    return asArray(asObject(ribbon).tabs).flatMap((tab) =>
      asArray(asObject(tab).groups).flatMap((group) =>
        asArray(asObject(group).controls).map((control) => ({
          id: String(asObject(control).id),
          contexts,
          icons: asArray(asObject(control).icons)
            .map((icon) => String(asObject(icon).url))
            .sort(),
        })),
      ),
    );
  });
}

function permissions(manifest: Json): string[] {
  return asArray(asObject(asObject(manifest.authorization).permissions).resourceSpecific)
    .map((permission) => String(asObject(permission).name))
    .sort();
}

function hostOf(domain: string): string {
  return domain
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

/**
 * manifest.json and the XML must describe the same add-in: same id (Outlook treats them as one add-in), version,
 * task pane, ribbon button, SSO app, permissions and domains. `converted` is the XML in unified form.
 */
export function checkConsistency(manifest: Json, converted: Json, xml: string): Problem[] {
  const problems: Problem[] = [];
  const differ = (what: string, xmlValue: unknown, jsonValue: unknown, hint: string) =>
    problems.push(
      problem(`${what} is ${JSON.stringify(xmlValue)} but manifest.json has ${JSON.stringify(jsonValue)}: ${hint}`),
    );

  if (String(converted.id).toLowerCase() !== String(manifest.id).toLowerCase()) {
    differ('<Id>', converted.id, manifest.id, 'both manifests must carry the same app id (TEAMS_APP_ID)');
  }
  if (converted.version !== manifest.version) {
    differ('<Version>', converted.version, manifest.version, 'the XML version must be the app version plus ".0"');
  }
  const xmlName = asObject(converted.name).short;
  const jsonName = asObject(manifest.name).short;
  if (xmlName !== jsonName) differ('<DisplayName>', xmlName, jsonName, 'the add-in must have one name');

  const xmlPages = [...new Set(taskPanePages(converted))].sort();
  const jsonPages = [...new Set(taskPanePages(manifest))].sort();
  if (JSON.stringify(xmlPages) !== JSON.stringify(jsonPages)) {
    differ('the task pane URL', xmlPages, jsonPages, 'the ribbon button must open the same page');
  }

  // Clients without add-in commands open the page from <FormSettings>; it must be the same task pane.
  const document = parseXml(xml).document;
  const formPages = [
    ...(document?.getElementsByTagName('FormSettings')[0]?.getElementsByTagName('SourceLocation') ?? []),
  ]
    .map((element) => element.getAttribute('DefaultValue') ?? '')
    .filter((page) => !jsonPages.includes(page));
  if (formPages.length > 0) {
    differ('<FormSettings> SourceLocation', formPages, jsonPages, 'older clients must open the same task pane');
  }

  const jsonButtons = ribbonButtons(manifest);
  for (const button of ribbonButtons(converted)) {
    const twin = jsonButtons.find((candidate) => candidate.id === button.id);
    if (!twin) {
      problems.push(problem(`ribbon button "${button.id}" has no twin in manifest.json`));
      continue;
    }
    if (JSON.stringify(twin.contexts) !== JSON.stringify(button.contexts)) {
      differ(`button "${button.id}" surface`, button.contexts, twin.contexts, 'same surface (read mail) in both');
    }
    if (JSON.stringify(twin.icons) !== JSON.stringify(button.icons)) {
      differ(`button "${button.id}" icons`, button.icons, twin.icons, 'same icon URLs in both');
    }
  }
  if (ribbonButtons(converted).length === 0) problems.push(problem('has no ribbon button on the read-mail surface'));

  const xmlApp = asObject(converted.webApplicationInfo);
  const jsonApp = asObject(manifest.webApplicationInfo);
  if (xmlApp.id !== jsonApp.id || xmlApp.resource !== jsonApp.resource) {
    differ(
      '<WebApplicationInfo>',
      { id: xmlApp.id, resource: xmlApp.resource },
      { id: jsonApp.id, resource: jsonApp.resource },
      'one SSO app (SSO_APP_ID) for both',
    );
  }

  if (JSON.stringify(permissions(converted)) !== JSON.stringify(permissions(manifest))) {
    differ('<Permissions>', permissions(converted), permissions(manifest), 'the add-in must ask for the same access');
  }

  const validDomains = asArray(manifest.validDomains).map((domain) => hostOf(String(domain)));
  for (const domain of asArray(converted.validDomains).map((d) => hostOf(String(d)))) {
    if (!validDomains.includes(domain)) {
      problems.push(
        problem(`<AppDomain> "${domain}" is not in manifest.json validDomains (${validDomains.join(', ')})`),
      );
    }
  }
  return problems;
}
