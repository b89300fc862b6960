/**
 * The XML add-in manifest as Microsoft's own tool reads it (office-addin-manifest): an offline summary for
 * `npm run validate`, and the web-service check behind `npm run validate -- --online`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  OfficeAddinManifest,
  validateManifest,
  type ManifestInfo,
  type ManifestValidationIssue,
} from 'office-addin-manifest';
import { ADDIN_XML_NAME } from './addin-xml';
import type { Problem } from './schema';

type Json = Record<string, unknown>;

/** Reads the XML with office-addin-manifest (it only reads files, hence the temporary copy). */
export async function readAddinXmlInfo(xml: string): Promise<{ info?: ManifestInfo; problems: Problem[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'inloox-addin-info-'));
  try {
    const file = path.join(dir, ADDIN_XML_NAME);
    await writeFile(file, xml, 'utf8');
    return { info: await OfficeAddinManifest.readManifestFile(file), problems: [] };
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    return { problems: [{ file: ADDIN_XML_NAME, message: `cannot be read by office-addin-manifest: ${detail}` }] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What office-addin-manifest read must be the add-in manifest.json declares: same id and version. */
export function checkAddinInfo(info: ManifestInfo, manifest: Json): Problem[] {
  const problems: Problem[] = [];
  if (info.id?.toLowerCase() !== String(manifest.id).toLowerCase()) {
    problems.push({
      file: ADDIN_XML_NAME,
      where: 'Id',
      message: `is "${info.id}", manifest.json has "${manifest.id}"`,
    });
  }
  if (info.version !== `${String(manifest.version)}.0`) {
    problems.push({
      file: ADDIN_XML_NAME,
      where: 'Version',
      message: `is "${info.version}", expected "${String(manifest.version)}.0" from manifest.json`,
    });
  }
  return problems;
}

/** One line an administrator can compare with what they upload. */
export function describeAddinInfo(info: ManifestInfo): string {
  return [
    `${info.displayName ?? '?'} ${info.version ?? '?'}`,
    `id ${info.id ?? '?'}`,
    `hosts ${(info.hosts ?? []).join(', ') || '?'}`,
    `provider ${info.providerName ?? '?'}`,
  ].join(', ');
}

/** Microsoft's online manifest check (sends the file to a Microsoft web service). */
export async function validateAddinXmlOnline(xmlPath: string): Promise<{ ok: boolean; lines: string[] }> {
  const result = await validateManifest(xmlPath);
  const report = result.report;
  const issues = (kind: string, list: ManifestValidationIssue[] | undefined) =>
    (list ?? []).map((issue) => `  ${kind}: ${issue.title ?? ''} ${issue.content ?? ''}`.trimEnd());
  const lines = [
    result.isValid
      ? '✓ online validation: accepted'
      : `✗ online validation: ${report?.status ?? `HTTP ${result.status ?? '?'} ${result.statusText ?? ''}`.trim()}`,
    ...issues('error', report?.errors),
    ...issues('warning', report?.warnings),
  ];
  return { ok: result.isValid, lines };
}

/** Reads the package's XML with office-addin-manifest and checks it against manifest.json. */
export async function officeAddinReport(
  addinXml: string,
  manifestJson: Buffer | undefined,
): Promise<{ problems: Problem[]; summary?: string }> {
  const { info, problems } = await readAddinXmlInfo(addinXml);
  if (!info) return { problems };
  let manifest: Json | undefined;
  try {
    manifest = manifestJson ? (JSON.parse(manifestJson.toString('utf8')) as Json) : undefined;
  } catch {
    manifest = undefined; // reported by the package validation
  }
  return { problems: manifest ? checkAddinInfo(info, manifest) : [], summary: describeAddinInfo(info) };
}
