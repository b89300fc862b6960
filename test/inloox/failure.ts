import { expect } from 'vitest';
import { InLooxError } from '../../shared/inloox/errors';

/** Awaits a call that must fail with an InLooxError and returns that error for further assertions. */
export async function failure(promise: Promise<unknown>): Promise<InLooxError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InLooxError);
    return error as InLooxError;
  }
  throw new Error('expected the call to fail');
}
