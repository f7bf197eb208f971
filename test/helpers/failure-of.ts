import { AppError } from '../../src-main/services/errors';

/** The AppError a promise rejects with; any other rejection, or none, fails the test. */
export async function failureOf(run: Promise<unknown>): Promise<AppError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
