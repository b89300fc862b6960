import type { Request } from 'express';
import { badRequest, ODataError } from './errors';

const MAX_BODY = 4 * 1024 * 1024;

/**
 * Reads the request body (at most 4 MB), then calls `done` with a parser that checks the content type and JSON only
 * when the handler asks for the body, so requests without one never fail on it.
 */
export function readBody(req: Request, done: (body: () => unknown) => void, fail: (error: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('error', fail);
  req.on('end', () => {
    try {
      if (tooLarge) throw new ODataError(413, 'PayloadTooLarge', 'The request body is larger than 4 MB.');
      const text = Buffer.concat(chunks).toString('utf8');
      done(() => {
        if (text.trim() === '') throw badRequest('The request body is empty; a JSON body is required.');
        const type = req.get('content-type');
        if (type && !/^application\/json\b/i.test(type))
          throw new ODataError(
            415,
            'UnsupportedMediaType',
            `Content-Type '${type}' is not supported; send application/json.`,
          );
        try {
          return JSON.parse(text) as unknown;
        } catch (error) {
          throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`, 'InvalidJson');
        }
      });
    } catch (error) {
      fail(error);
    }
  });
}
