import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Collection, type Harness } from './helpers';

let h: Harness;
const KEY = 'paging-key';

beforeAll(async () => {
  h = await startSandbox({ keys: [KEY], seed: false });
  const data = h.sandbox.data(KEY);
  for (let i = 0; i < 250; i++) data.create('Project', { Name: `Bulk ${String(i).padStart(3, '0')}`, Priority: i % 2 });
  // a few through HTTP too, so both paths are covered
  for (let i = 250; i < 255; i++) {
    const response = await h.call('Project', { method: 'POST', json: { Name: `Bulk ${i}`, Priority: 0 } });
    expect(response.status).toBe(201);
  }
});
afterAll(async () => {
  await h.close();
});

async function follow(first: string): Promise<{ pages: Collection[]; names: string[] }> {
  const pages: Collection[] = [];
  let url: string | undefined = first;
  while (url) {
    const page: { status: number; body: Collection } = await h.json<Collection>(url);
    const { status, body } = page;
    expect(status, url).toBe(200);
    pages.push(body);
    url = body['@odata.nextLink'];
    expect(pages.length).toBeLessThan(10);
  }
  return { pages, names: pages.flatMap((p) => p.value.map((v) => v.Name as string)) };
}

describe('server-driven paging', () => {
  it('answers at most 100 entities and links the next page until all are read', async () => {
    const { pages, names } = await follow('Project?$orderby=Name');
    expect(pages.map((p) => p.value.length)).toEqual([100, 100, 55]);
    expect(pages[0]!['@odata.nextLink']).toBe(`${h.running.baseUrl}Project?$orderby=Name&$skip=100`);
    expect(new Set(names).size).toBe(255);
    expect(names.slice(0, 2)).toEqual(['Bulk 000', 'Bulk 001']);
    expect(names).toEqual([...names].sort());
  });

  it('pages stably by key without $orderby', async () => {
    const { names } = await follow('Project');
    expect(new Set(names).size).toBe(255);
  });

  it('keeps $filter, $select and $count in the nextLink and shrinks $top', async () => {
    const { pages, names } = await follow(
      `Project?$filter=${encodeURIComponent('Priority eq 1')}&$select=Name,Priority&$count=true&$top=120&$orderby=Name desc`,
    );
    expect(pages.map((p) => p.value.length)).toEqual([100, 20]);
    expect(pages[0]!['@odata.nextLink']).toContain('$top=20&$skip=100');
    expect(pages.every((p) => p['@odata.count'] === 125)).toBe(true);
    expect(pages.flatMap((p) => p.value).every((v) => v.Priority === 1 && Object.keys(v).length === 2)).toBe(true);
    expect(names[0]).toBe('Bulk 249');
  });

  it('does not link a next page when $top is at most 100', async () => {
    const { body } = await h.json<Collection>('Project?$top=100');
    expect(body.value).toHaveLength(100);
    expect(body).not.toHaveProperty('@odata.nextLink');
  });

  it('links the next page on the self-hosted base URL too', async () => {
    const { body } = await h.json<Collection>(`${h.running.selfHostedBaseUrl}Project?$skip=50`);
    expect(body.value).toHaveLength(100);
    expect(body['@odata.nextLink']).toBe(`${h.running.selfHostedBaseUrl}Project?$skip=150`);
  });
});
