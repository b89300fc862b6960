/** The custom field sets beyond values: sections, list values, permissions, blocked fields, write protection, types. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

let h: Harness;
const ANNA = 'demo-key-anna';
const BEN = 'demo-key-ben';

beforeAll(async () => {
  h = await startSandbox({ keys: [BEN, ANNA] });
});
afterAll(async () => {
  await h.close();
});

async function projectId(key: string, name: string): Promise<string> {
  const { body } = await h.json<Collection>(`Project?$filter=${encodeURIComponent(`Name eq '${name}'`)}`, { key });
  return body.value[0]!.ProjectId as string;
}

const blocked = (key: string, type: string, id: string) =>
  h.json<Collection>(`CustomFieldPermission/GetBlockedFieldsForEntity(entityType=${type},entityId=${id})`, { key });

describe('definitions, sections and list values', () => {
  it('orders sections per table and names them in the account language', async () => {
    const en = await h.json<Collection>(
      `CustomFieldSection?$filter=${encodeURIComponent("TableName eq 'Project'")}&$orderby=OrdinalPosition`,
    );
    expect(en.body.value.map((s) => s.DisplayName)).toEqual(['General', 'Finance']);
    const de = await h.json<Collection>(`CustomFieldSection?$orderby=OrdinalPosition`, { key: ANNA });
    expect(de.body.value.map((s) => s.DisplayName)).toEqual(['Allgemein', 'Finanzen', 'Aufgabendetails']);
  });

  it('serves the documented definition properties next to the EDMX ones, and the list values in order', async () => {
    const { body } = await h.json<Collection>(
      `CustomFieldDefinition?$filter=${encodeURIComponent("ColumnName eq 'RiskLevel'")}`,
      { key: ANNA },
    );
    const risk = body.value[0]!;
    expect(risk).toMatchObject({ DisplayName: 'Risikostufe', ColumnType: 5, AllowAddNewItem: true });
    expect(risk.CustomFieldSectionId).toMatch(/^[0-9a-f-]{36}$/);
    const values = await h.json<Collection>(
      `CustomFieldDefinitionListDefinition?$filter=${encodeURIComponent(`CustomFieldDefinitionId eq ${risk.CustomFieldDefinitionId as string}`)}&$orderby=OrdinalPosition`,
      { key: ANNA },
    );
    expect(values.body.value.map((v) => v.Text)).toEqual(['Niedrig', 'Mittel', 'Hoch']);
    expect(values.body.value[0]!.CustomFieldDefinitionColumnName).toBe('RiskLevel');
  });

  it('refuses a section of another table and a list value on a non-list field', async () => {
    const { body } = await h.json<Collection>('CustomFieldSection');
    const taskSection = body.value.find((s) => s.TableName === 'TaskItem')!;
    const wrong = await h.json<ODataErrorBody>('CustomFieldDefinition', {
      method: 'POST',
      json: {
        ColumnName: 'X1',
        DisplayName: 'X',
        TableName: 'Project',
        CustomFieldSectionId: taskSection.CustomFieldSectionId,
      },
    });
    expect(wrong.status).toBe(400);
    const defs = await h.json<Collection>(
      `CustomFieldDefinition?$filter=${encodeURIComponent("ColumnName eq 'TeamSize'")}`,
    );
    const notList = await h.json<ODataErrorBody>('CustomFieldDefinitionListDefinition', {
      method: 'POST',
      json: { CustomFieldDefinitionId: defs.body.value[0]!.CustomFieldDefinitionId, Text: 'x' },
    });
    expect(notList.status).toBe(400);
    expect(notList.body.error.message).toMatch(/not a list/);
  });
});

describe('values', () => {
  it('reads custom columns through the Dynamic sets with $select and $filter', async () => {
    const id = await projectId(BEN, 'Website Relaunch');
    const one = await h.json(`DynamicProject(${id})?$select=Project_ProjectId,CustomField_Budget,CustomField_Margin`);
    expect(one.body).toEqual(
      expect.objectContaining({ Project_ProjectId: id, CustomField_Budget: '25000', CustomField_Margin: '18.5' }),
    );
    expect(Object.keys(one.body).filter((k) => !k.startsWith('@'))).toHaveLength(3);
    const filtered = await h.json<Collection>(
      `DynamicProject?$select=Project_Name&$filter=${encodeURIComponent("CustomField_RiskLevel eq 'Hoch'")}`,
      { key: ANNA },
    );
    expect(filtered.body.value.map((p) => p.Project_Name)).toEqual(['Messestand Hannover 2026']);
  });

  it('checks values by type: a text in an integer field is a 400 with an OData error body', async () => {
    const id = await projectId(BEN, 'ERP-Einführung');
    const cases: Array<[string, string]> = [
      ['TeamSize', 'many'],
      ['TeamSize', '1.5'],
      ['Margin', 'abc'],
      ['ContractSigned', 'yes'],
      ['Kickoff', '2026-13-01'],
      ['Region', 'Mars'],
    ];
    for (const [name, value] of cases) {
      const bad = await h.json<ODataErrorBody>(`CustomField(Name='${name}',ObjectId=${id})`, {
        method: 'PATCH',
        json: { Value: value },
      });
      expect(bad.status, `${name}=${value}`).toBe(400);
      expect(bad.body.error.message, `${name}=${value}`).toContain(name);
    }
    const ok = await h.json(`CustomField/Name='TeamSize',ObjectId=${id}`, { method: 'PATCH', json: { Value: '7' } });
    expect(ok.body).toMatchObject({ Value: '7', Type: 'Integer' });
    expect((await h.json(`CustomField/Name='TeamSize',ObjectId=${id}`)).body).toMatchObject({ Value: '7' });
  });

  it('adds a new list value only where the field allows it; null clears', async () => {
    const id = await projectId(BEN, 'Customer Onboarding Q1');
    const batch = await h.json<Collection>('CustomField/BatchUpdate', {
      method: 'POST',
      json: [
        { Name: 'RiskLevel', ObjectId: id, Value: 'Critical' },
        { Name: 'Region', ObjectId: id, Value: null },
      ],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.value.map((v) => v.Value)).toEqual(['Critical', null]);
    const defs = await h.json<Collection>(
      `CustomFieldDefinition?$filter=${encodeURIComponent("ColumnName eq 'RiskLevel'")}`,
    );
    const list = await h.json<Collection>(
      `CustomFieldDefinitionListDefinition?$filter=${encodeURIComponent(`CustomFieldDefinitionId eq ${defs.body.value[0]!.CustomFieldDefinitionId as string}`)}`,
    );
    expect(list.body.value.map((v) => v.Text)).toContain('Critical');
  });
});

describe('permissions and write protection', () => {
  it('blocks the cost centre for Anna but not for Ben, by name or number of the entity type', async () => {
    const anna = await projectId(ANNA, 'Website Relaunch');
    const ben = await projectId(BEN, 'Website Relaunch');
    expect((await blocked(ANNA, "'Project'", anna)).body.value.map((d) => d.ColumnName)).toEqual(['CostCentre']);
    expect((await blocked(ANNA, "'8'", anna)).body.value.map((d) => d.ColumnName)).toEqual(['CostCentre']);
    expect((await blocked(BEN, "'Project'", ben)).body.value).toEqual([]);
    expect((await blocked(ANNA, "'Budget'", anna)).status).toBe(400);
    expect((await blocked(ANNA, "'Project'", '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses writes to blocked and write-protected fields with 403, and a batch containing one writes nothing', async () => {
    const anna = await projectId(ANNA, 'Website Relaunch');
    const cost = await h.json<ODataErrorBody>(`CustomField(Name='CostCentre',ObjectId=${anna})`, {
      key: ANNA,
      method: 'PATCH',
      json: { Value: '1' },
    });
    expect(cost.status).toBe(403);
    const legacy = await h.json<ODataErrorBody>('CustomField/BatchUpdate', {
      key: ANNA,
      method: 'POST',
      json: [
        { Name: 'CustomerNumber', ObjectId: anna, Value: 'changed' },
        { Name: 'LegacyId', ObjectId: anna, Value: 'x' },
      ],
    });
    expect(legacy.status).toBe(403);
    expect(legacy.body.error.message).toMatch(/LegacyId.*write-protected/);
    const unchanged = await h.json(`CustomField(Name='CustomerNumber',ObjectId=${anna})`, { key: ANNA });
    expect(unchanged.body.Value).toBe('C-1042');
  });
});
