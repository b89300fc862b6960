/**
 * The domain's limits and rules, at and over every edge, on every surface that enforces them: the domain schemas
 * themselves, the bot's card validation, the InLoox client's input schemas, the add-in's server API and its form
 * in the browser, the tab's and the connection service's token check. The sandbox stands in for InLoox and keeps
 * its own rules; the last block checks that it agrees where both judge the same input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateTaskForm, type TaskFormValues } from '../../addin/web/form';
import { parseApiKey, parseCreateTask, parseSearch, parseTaskId } from '../../addin/server/validation';
import {
  BadInputError,
  commentSchema,
  idSchemas,
  listSchema,
  parseCardData,
  projectFormSchema,
  taskFormSchema,
} from '../../bot/validation';
import { normalizeApiKey } from '../../shared/connection-service';
import {
  apiKeySchema,
  effortHoursSchema,
  endNotBeforeStart,
  guidSchema,
  htmlSchema,
  isGuid,
  LIMITS,
  nameSchema,
  searchSchema,
} from '../../shared/domain';
import { noteHtmlSchema, taskInputSchema, validate } from '../../shared/inloox/schemas';
import { GUID_PATTERN as SANDBOX_GUID } from '../../sandbox/odata/values';
import { startSandbox, type Harness } from '../sandbox/helpers';

const PROJECT = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** True when the surface accepts the value. */
type Surface = (value: never) => boolean;

function accepts(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}

const card = (schema: z.ZodType, data: Record<string, unknown>) => accepts(() => parseCardData(schema, data, 'en'));

const formValues = (overrides: Partial<TaskFormValues>): TaskFormValues => ({
  name: 'Budget',
  project: { id: PROJECT, label: 'P' },
  startDate: '2025-03-03',
  endDate: '2025-03-07',
  effort: '',
  trimQuoted: true,
  ...overrides,
});
const formAccepts = (overrides: Partial<TaskFormValues>) =>
  Object.keys(validateTaskForm(formValues(overrides))).length === 0;

const createRequest = (overrides: Record<string, unknown>) => ({
  name: 'Budget',
  projectId: PROJECT,
  startDateTime: '2025-03-03T08:00:00.000Z',
  endDateTime: '2025-03-07T17:00:00.000Z',
  workAmount: 0,
  descriptionHtml: '',
  ...overrides,
});

interface Edge {
  limit: string;
  atEdge: unknown;
  overEdge: unknown;
  surfaces: Record<string, Surface>;
}

const EDGES: Edge[] = [
  {
    limit: `name: ${LIMITS.name} characters`,
    atEdge: 'n'.repeat(LIMITS.name),
    overEdge: 'n'.repeat(LIMITS.name + 1),
    surfaces: {
      domain: (v: string) => nameSchema.safeParse(v).success,
      'bot task form': (v: string) => card(taskFormSchema, { name: v }),
      'bot project form': (v: string) => card(projectFormSchema, { name: v }),
      'InLoox client': (v: string) => accepts(() => validate(taskInputSchema, { Name: v })),
      'add-in API': (v: string) => accepts(() => parseCreateTask(createRequest({ name: v }))),
      'add-in form': (v: string) => formAccepts({ name: v }),
    },
  },
  {
    limit: `effort: ${LIMITS.effortHours} hours`,
    atEdge: LIMITS.effortHours,
    overEdge: LIMITS.effortHours + 0.5,
    surfaces: {
      domain: (v: number) => effortHoursSchema.safeParse(v).success,
      'bot task form': (v: number) => card(taskFormSchema, { name: 'x', effort: String(v) }),
      'InLoox client': (v: number) => accepts(() => validate(taskInputSchema, { Name: 'x', WorkAmount: v })),
      'add-in API': (v: number) => accepts(() => parseCreateTask(createRequest({ workAmount: v }))),
      'add-in form': (v: number) => formAccepts({ effort: String(v) }),
    },
  },
  {
    limit: 'effort: 0 hours',
    atEdge: 0,
    overEdge: -0.5,
    surfaces: {
      domain: (v: number) => effortHoursSchema.safeParse(v).success,
      'bot task form': (v: number) => card(taskFormSchema, { name: 'x', effort: v }),
      'InLoox client': (v: number) => accepts(() => validate(taskInputSchema, { Name: 'x', WorkAmount: v })),
      'add-in API': (v: number) => accepts(() => parseCreateTask(createRequest({ workAmount: v }))),
    },
  },
  {
    limit: `search: ${LIMITS.search} characters`,
    atEdge: 's'.repeat(LIMITS.search),
    overEdge: 's'.repeat(LIMITS.search + 1),
    surfaces: {
      domain: (v: string) => searchSchema.safeParse(v).success,
      'bot list': (v: string) => card(listSchema, { search: v }),
      'add-in API': (v: string) => accepts(() => parseSearch(v)),
    },
  },
  {
    limit: `comment: ${LIMITS.comment} characters`,
    atEdge: 'c'.repeat(LIMITS.comment),
    overEdge: 'c'.repeat(LIMITS.comment + 1),
    surfaces: { 'bot comment': (v: string) => card(commentSchema, { comment: v }) },
  },
  {
    limit: `card description: ${LIMITS.description} characters`,
    atEdge: 'd'.repeat(LIMITS.description),
    overEdge: 'd'.repeat(LIMITS.description + 1),
    surfaces: {
      'bot task form': (v: string) => card(taskFormSchema, { name: 'x', description: v }),
      'bot project form': (v: string) => card(projectFormSchema, { name: 'x', description: v }),
    },
  },
  {
    limit: `stored HTML: ${LIMITS.html} characters`,
    atEdge: 'h'.repeat(LIMITS.html),
    overEdge: 'h'.repeat(LIMITS.html + 1),
    surfaces: {
      domain: (v: string) => htmlSchema.safeParse(v).success,
      'InLoox client description': (v: string) =>
        accepts(() => validate(taskInputSchema, { Name: 'x', DescriptionHTML: v })),
      'InLoox client comment': (v: string) => accepts(() => validate(noteHtmlSchema, v)),
    },
  },
  {
    limit: `access token: ${LIMITS.apiKey} characters`,
    atEdge: 'k'.repeat(LIMITS.apiKey),
    overEdge: 'k'.repeat(LIMITS.apiKey + 1),
    surfaces: {
      domain: (v: string) => apiKeySchema.safeParse(v).success,
      'connection service': (v: string) => accepts(() => normalizeApiKey(v)),
      'add-in API': (v: string) => accepts(() => parseApiKey({ apiKey: v })),
    },
  },
  {
    limit: 'ids: GUIDs only',
    atEdge: PROJECT.toUpperCase(),
    overEdge: PROJECT.slice(0, -1),
    surfaces: {
      domain: (v: string) => guidSchema.safeParse(v).success && isGuid(v),
      'bot card ids': (v: string) => card(idSchemas.task, { taskId: v }),
      'InLoox client': (v: string) => accepts(() => validate(taskInputSchema, { Name: 'x', ProjectId: v })),
      'add-in API': (v: string) => accepts(() => parseTaskId(v)),
    },
  },
];

describe.each(EDGES)('$limit', ({ atEdge, overEdge, surfaces }) => {
  it.each(Object.entries(surfaces))('%s accepts the edge and refuses one step over it', (_name, surface) => {
    expect(surface(atEdge as never)).toBe(true);
    expect(surface(overEdge as never)).toBe(false);
  });
});

describe('end not before start', () => {
  const ranges = {
    'same day': { start: '2025-03-03', end: '2025-03-03', ok: true },
    'next day': { start: '2025-03-03', end: '2025-03-04', ok: true },
    'day before': { start: '2025-03-03', end: '2025-03-02', ok: false },
  };

  it.each(Object.entries(ranges))('%s: every surface agrees', (_name, { start, end, ok }) => {
    const instant = (day: string, hour: string) => `${day}T${hour}:00:00Z`;
    expect(endNotBeforeStart(start, end)).toBe(ok);
    expect(card(taskFormSchema, { name: 'x', start, end })).toBe(ok);
    expect(card(projectFormSchema, { name: 'x', start, end })).toBe(ok);
    // The client receives the same instant for both ends of a same-day range from the bot's forms.
    expect(
      accepts(() =>
        validate(taskInputSchema, { Name: 'x', StartDateTime: instant(start, '08'), EndDateTime: instant(end, '08') }),
      ),
    ).toBe(ok);
    expect(
      accepts(() =>
        parseCreateTask(createRequest({ startDateTime: instant(start, '08'), endDateTime: instant(end, '17') })),
      ),
    ).toBe(ok);
    expect(formAccepts({ startDate: start, endDate: end })).toBe(ok);
  });

  it('the bot names the end date in the person’s language when it is before the start', () => {
    const refusal = (locale: 'en' | 'de') => {
      try {
        parseCardData(taskFormSchema, { name: 'x', start: '2025-03-03', end: '2025-03-02' }, locale);
      } catch (error) {
        return error instanceof BadInputError ? error.userText : String(error);
      }
      return 'accepted';
    };
    expect(refusal('en')).toBe('The end date must not be before the start date.');
    expect(refusal('de')).toBe('Das Enddatum darf nicht vor dem Startdatum liegen.');
  });
});

describe('the sandbox (InLoox stand-in) agrees with the domain', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSandbox();
  });
  afterAll(() => h.close());

  it('accepts a same-day task and refuses one that ends the day before it starts', async () => {
    const post = (end: string) =>
      h.call('Task', {
        method: 'POST',
        json: { Name: 'Edge', StartDateTime: '2025-03-03T08:00:00Z', EndDateTime: end },
      });
    expect((await post('2025-03-03T08:00:00Z')).status).toBe(201);
    expect((await post('2025-03-02T08:00:00Z')).status).toBe(400);
  });

  it('reads the same strings as GUIDs', () => {
    for (const value of [PROJECT, PROJECT.toUpperCase(), PROJECT.slice(1), `${PROJECT}0`, 'not-a-guid', '']) {
      expect(SANDBOX_GUID.test(value), value).toBe(isGuid(value));
    }
  });
});
