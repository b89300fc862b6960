/** The custom field client against scripted answers: both column prefixes, typed JSON values, the cache, the batch. */
import { describe, expect, it } from 'vitest';
import { InLooxClient } from '../../shared/inloox/client';
import { CustomFieldCache, customValuesOf, DEFINITION_LIFETIME_MS } from '../../shared/inloox/custom-fields';
import { fakeFetch, FIXTURE_IDS, json, type RecordedRequest } from './fake-fetch';
import { failure } from './failure';

const BASE = 'https://inloox.example.org/api/v1/odata/';
const PROJECT = FIXTURE_IDS.project;
const SECTION = '5e3b7c1a-1111-4222-8333-444455556666';

function definitions(request: RecordedRequest): Response {
  const path = request.url.pathname.split('/').pop();
  if (path === 'CustomFieldDefinition')
    return json({
      value: [
        {
          CustomFieldDefinitionId: 'a1a1a1a1-0000-4000-8000-000000000001',
          ColumnName: 'Late',
          DisplayName: 'Late',
          TableName: 'Project',
          ColumnType: 0,
          OrdinalPosition: 0,
        },
        {
          CustomFieldDefinitionId: 'a1a1a1a1-0000-4000-8000-000000000002',
          ColumnName: 'Risk',
          DisplayName: 'Risk',
          TableName: 'Project',
          ColumnType: 5,
          OrdinalPosition: 2,
          CustomFieldSectionId: SECTION,
          ListAllowAddNewItem: true,
        },
        {
          CustomFieldDefinitionId: 'a1a1a1a1-0000-4000-8000-000000000003',
          ColumnName: 'Size',
          DisplayName: null,
          TableName: 'Project',
          ColumnType: 2,
          OrdinalPosition: 1,
          CustomFieldSectionId: SECTION,
        },
        {
          CustomFieldDefinitionId: 'a1a1a1a1-0000-4000-8000-000000000004',
          ColumnName: 'Odd',
          TableName: 'Budget',
          ColumnType: 0,
        },
        {
          CustomFieldDefinitionId: 'a1a1a1a1-0000-4000-8000-000000000005',
          ColumnName: 'bad name',
          TableName: 'Project',
          ColumnType: 0,
        },
      ],
    });
  if (path === 'CustomFieldSection')
    return json({
      value: [{ CustomFieldSectionId: SECTION, TableName: 'Project', DisplayName: 'Main', OrdinalPosition: 0 }],
    });
  return json({
    value: [
      { CustomFieldDefinitionId: 'a1a1a1a1-0000-4000-8000-000000000002', Text: 'High', OrdinalPosition: 1 },
      { CustomFieldDefinitionId: 'a1a1a1a1-0000-4000-8000-000000000002', Text: 'Low', OrdinalPosition: 0 },
    ],
  });
}

describe('custom field definitions', () => {
  it('orders by section then position, reads the EDMX flag for new items, and skips fields it cannot show', async () => {
    const fake = fakeFetch(definitions);
    const client = new InLooxClient({ baseUrl: BASE, apiKey: 'k', fetch: fake.fetch });
    const schema = await client.customFieldSchema('Project');
    expect(schema.fields.map((f) => f.column)).toEqual(['Size', 'Risk', 'Late']);
    expect(schema.fields[0]!.label).toBe('Size');
    expect(schema.fields[1]).toMatchObject({ type: 'List', allowNew: true, listValues: ['Low', 'High'] });
    expect(fake.requests).toHaveLength(3);
    await client.customFieldSchema('TaskItem');
    expect(fake.requests).toHaveLength(3);
    await client.customFieldSchema('Project', { refresh: true });
    expect(fake.requests).toHaveLength(6);
  });

  it('keeps definitions for a short lifetime, then reads them again; a failed load is not kept', async () => {
    let now = 0;
    let fail = true;
    const fake = fakeFetch((request) =>
      fail ? json({ error: { code: 'x', message: 'down' } }, 400) : definitions(request),
    );
    const client = new InLooxClient({ baseUrl: BASE, apiKey: 'k', fetch: fake.fetch });
    const cache = new CustomFieldCache(() => now);
    const odata = (client as unknown as { odata: never }).odata;
    expect((await failure(cache.get(odata, 'Project'))).kind).toBe('validation');
    fail = false;
    await cache.get(odata, 'Project');
    const after = fake.requests.length;
    now = DEFINITION_LIFETIME_MS;
    await cache.get(odata, 'Project');
    expect(fake.requests.length).toBe(after);
    now = DEFINITION_LIFETIME_MS + 1;
    await cache.get(odata, 'Project');
    expect(fake.requests.length).toBe(after + 3);
  });
});

describe('custom field values', () => {
  it('selects only the key and the asked columns, and reads the CF_ prefix and typed JSON values', async () => {
    const fake = fakeFetch([
      json({ Project_ProjectId: PROJECT, CF_Size: 12, CF_Done: false, CustomField_Risk: 'High', CF_Risk: 'ignored' }),
    ]);
    const client = new InLooxClient({ baseUrl: BASE, apiKey: 'k', fetch: fake.fetch });
    const values = await client.customFieldValues('Project', PROJECT, ['Size', 'Risk', 'Done', 'Gone']);
    expect(values).toEqual({ Size: '12', Risk: 'High', Done: 'false', Gone: null });
    expect(fake.requests[0]!.url.pathname).toMatch(new RegExp(`DynamicProject\\(${PROJECT}\\)$`));
    expect(fake.requests[0]!.url.searchParams.get('$select')).toBe(
      'Project_ProjectId,CustomField_Size,CustomField_Risk,CustomField_Done,CustomField_Gone',
    );
  });

  it('refuses a column name that is not an identifier before any call', async () => {
    const fake = fakeFetch([]);
    const client = new InLooxClient({ baseUrl: BASE, apiKey: 'k', fetch: fake.fetch });
    expect((await failure(client.customFieldValues('Project', PROJECT, ['a,Name']))).kind).toBe('validation');
    expect((await failure(client.saveCustomFields(PROJECT, { "x'y": '1' }))).kind).toBe('validation');
    expect(fake.requests).toHaveLength(0);
  });

  it('writes a batch as one POST of {ObjectId, Name, Value} with null for cleared values', async () => {
    const fake = fakeFetch([json({ value: [] })]);
    const client = new InLooxClient({ baseUrl: BASE, apiKey: 'k', fetch: fake.fetch });
    await client.saveCustomFields(PROJECT, { Size: '3', Risk: null });
    await client.saveCustomFields(PROJECT, {});
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.url.pathname).toMatch(/CustomField\/BatchUpdate$/);
    expect(fake.requests[0]!.body).toEqual([
      { ObjectId: PROJECT, Name: 'Size', Value: '3' },
      { ObjectId: PROJECT, Name: 'Risk', Value: null },
    ]);
  });

  it('reads blocked fields from definitions, values or plain names', async () => {
    const fake = fakeFetch([json({ value: [{ ColumnName: 'A' }, { Name: 'B' }, 'C', { Other: 1 }] })]);
    const client = new InLooxClient({ baseUrl: BASE, apiKey: 'k', fetch: fake.fetch });
    expect(await client.blockedCustomFields('TaskItem', PROJECT)).toEqual(['A', 'B', 'C']);
    expect(decodeURIComponent(fake.requests[0]!.url.pathname)).toContain(
      `CustomFieldPermission/GetBlockedFieldsForEntity(entityType='TaskItem',entityId=${PROJECT})`,
    );
  });

  it('prefers CustomField_ over CF_ when a row has both', () => {
    expect(customValuesOf({ CustomField_X: 'a', CF_X: 'b', CF_Y: '' }, ['X', 'Y'])).toEqual({ X: 'a', Y: null });
  });
});
