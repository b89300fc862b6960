import { badRequest } from './errors';
import { coerceValue } from './values';

/** Parameter name → EDM type of an action's parameter (e.g. "Edm.Guid", "Collection(Edm.Guid)"). */
export type ParameterSchema = Record<string, { type: string; required: boolean }>;

/** Reads an action's JSON body against its parameters, like ASP.NET OData's action parameter binding. */
export function parseParameters(body: unknown, spec: ParameterSchema): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The request body must be a JSON object with the action parameters.');
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const parameter = spec[name];
    if (!parameter) throw badRequest(`The parameter '${name}' is not defined for this action.`, 'InvalidParameter');
    if (parameter.type === 'Collection(Edm.Guid)') {
      if (!Array.isArray(value)) throw badRequest(`The parameter '${name}' must be an array of GUIDs.`);
      result[name] = value.map((v) => coerceValue({ name, type: 'Edm.Guid', nullable: false }, v));
    } else {
      result[name] = coerceValue({ name, type: parameter.type, nullable: !parameter.required }, value);
    }
  }
  for (const [name, parameter] of Object.entries(spec)) {
    if (parameter.required && (result[name] === undefined || result[name] === null))
      throw badRequest(`The parameter '${name}' is required.`, 'MissingParameter');
  }
  return result;
}
