import type { ErrorCode } from '../../src-shared/contract';

/**
 * An error meant for the person using the app: `message` is shown as it is, so it must say in plain words what
 * happened and what to do next. Anything thrown that is not an AppError is reported as an internal error.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
