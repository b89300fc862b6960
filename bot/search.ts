/** Dynamic typeahead: answers the `application/search` invoke of Input.ChoiceSet `choices.data` (Data.Query). */
import { contactChoice, projectChoice, type Choice } from '../shared/cards';
import { t } from '../shared/cards/strings';
import { DATASETS, type Dataset } from '../shared/cards/verbs';
import { LIMITS } from '../shared/domain/limits';
import type { BotDeps, Turn } from './turn';
import { MissingIdentityError, presentError } from './errors';

export const MAX_SEARCH_RESULTS = 15;

export interface SearchInvokeResult {
  statusCode: number;
  type: 'application/vnd.microsoft.search.searchResponse' | 'application/vnd.microsoft.error';
  value: { results: Choice[] } | { code: string; message: string };
}

function failure(statusCode: number, code: string, message: string): SearchInvokeResult {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

export async function runSearch(deps: BotDeps, turn: Turn, value: unknown): Promise<SearchInvokeResult> {
  const { locale } = turn.ctx;
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const dataset = record.dataset;
  const queryText = typeof record.queryText === 'string' ? record.queryText.trim().slice(0, LIMITS.search) : '';
  const options = (record.queryOptions && typeof record.queryOptions === 'object' ? record.queryOptions : {}) as Record<
    string,
    unknown
  >;
  const skip =
    Number.isInteger(options.skip) && (options.skip as number) >= 0 ? Math.min(options.skip as number, 10_000) : 0;
  const requested =
    Number.isInteger(options.top) && (options.top as number) > 0 ? (options.top as number) : MAX_SEARCH_RESULTS;
  const top = Math.min(requested, MAX_SEARCH_RESULTS);
  if (typeof dataset !== 'string' || !(DATASETS as readonly string[]).includes(dataset)) {
    return failure(400, 'unknownDataset', t(locale, 'invalidCardData', { detail: 'dataset' }));
  }
  try {
    if (!turn.identity) throw new MissingIdentityError();
    const api = await deps.connections.apiFor(turn.identity);
    const search = queryText || undefined;
    const results =
      (dataset as Dataset) === 'projects'
        ? (await api.listProjects({ search, top, skip, favoritesFirst: true })).items.map(projectChoice)
        : (await api.listContacts({ search, top, skip })).items.map(contactChoice);
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.search.searchResponse',
      value: { results: results.slice(0, MAX_SEARCH_RESULTS) },
    };
  } catch (error) {
    const failed = presentError(error, locale, deps.log);
    return failure(failed.status, failed.code, failed.text);
  }
}
