import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The InLoox 11 $metadata document this sandbox imitates (a copy of the published EDMX; data, not code). */
export const EDMX_PATH = fileURLToPath(new URL('../inloox11-metadata.edmx.xml', import.meta.url));

export interface EdmProperty {
  name: string;
  /** e.g. "Edm.Guid", "Edm.String", "Collection(Edm.String)" */
  type: string;
  nullable: boolean;
}

/** Looks up a property of the addressed entity type; undefined for an unknown name. */
export type PropertyLookup = (name: string) => EdmProperty | undefined;

/** One entity as JSON properties. */
export type Row = Record<string, unknown>;

export interface EdmEntityType {
  name: string;
  keys: string[];
  openType: boolean;
  properties: Map<string, EdmProperty>;
}

export interface EdmModel {
  xml: string;
  entityTypes: Map<string, EdmEntityType>;
  /** entity set name -> entity type name (unqualified) */
  entitySets: Map<string, string>;
}

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/(\w+)="([^"]*)"/g)) result[match[1]!] = match[2]!;
  return result;
}

/**
 * Reads entity types and entity sets from the EDMX. The document is machine-generated and flat
 * (no nesting inside <Property/>), so a tag scanner is enough; it is not a general XML parser.
 */
export function parseEdmx(xml: string): EdmModel {
  const entityTypes = new Map<string, EdmEntityType>();
  for (const block of xml.matchAll(/<EntityType\b([^>]*)>([\s\S]*?)<\/EntityType>/g)) {
    const head = attributes(block[1]!);
    const body = block[2]!;
    const keys = [...body.matchAll(/<PropertyRef\b([^>]*)\/>/g)].map((m) => attributes(m[1]!).Name!);
    const properties = new Map<string, EdmProperty>();
    for (const prop of body.matchAll(/<Property\b([^>]*)\/>/g)) {
      const a = attributes(prop[1]!);
      properties.set(a.Name!, { name: a.Name!, type: a.Type!, nullable: a.Nullable !== 'false' });
    }
    entityTypes.set(head.Name!, { name: head.Name!, keys, openType: head.OpenType === 'true', properties });
  }
  const entitySets = new Map<string, string>();
  for (const set of xml.matchAll(/<EntitySet\b([^>]*)\/>/g)) {
    const a = attributes(set[1]!);
    entitySets.set(a.Name!, a.EntityType!.split('.').pop()!);
  }
  return { xml, entityTypes, entitySets };
}

let cached: EdmModel | undefined;

export function loadModel(): EdmModel {
  cached ??= parseEdmx(readFileSync(EDMX_PATH, 'utf8'));
  return cached;
}
