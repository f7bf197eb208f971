import type { z } from 'zod';
import { contract, isChannel, type ApiErrorBody, type Channel, type OutputOf, type ParsedInputOf, type Result } from '../../src-shared/contract';
import { isAppError } from '../services/errors';
import type { Logger } from '../services/logger';

/** Who is asking. `trusted` is decided by the transport (our own window's frame, the bridge's token, the CLI). */
export interface Sender {
  transport: 'ipc' | 'bridge' | 'cli';
  trusted: boolean;
  /** For logs: a frame URL, a remote address, "cli". */
  description: string;
}

export interface RequestContext {
  sender: Sender;
  /** Who the custody log records as doing this. */
  actor: string;
}

export type Handlers = {
  [C in Channel]: (input: ParsedInputOf<C>, ctx: RequestContext) => Promise<OutputOf<C>> | OutputOf<C>;
};

export interface Router {
  handle(channel: string, rawInput: unknown, sender: Sender): Promise<Result<unknown>>;
}

function fieldLabel(pathParts: readonly PropertyKey[]): string {
  return pathParts.length ? pathParts.map(String).join('.') : 'request';
}

/** Zod issues → one sentence a person can act on. Messages written in the contract are used as they are. */
export function describeInvalidInput(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    if (issue.code === 'unrecognized_keys') return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    if (issue.code === 'invalid_type' && issue.input === undefined) return `${fieldLabel(issue.path)} is missing`;
    return issue.message.startsWith('Invalid') || issue.message.startsWith('Too ') ? `${fieldLabel(issue.path)}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `Some details are missing or wrong: ${parts.join('; ')}${more}.`;
}

const fail = (code: ApiErrorBody['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * The one entry point for every request: checks the sender, validates the input against the contract, runs the
 * handler, validates its output, and turns every failure into `{ok:false,error:{code,message}}`.
 */
export function createRouter(options: { handlers: Handlers; logger: Logger; actorFor?: (sender: Sender) => string }): Router {
  const { handlers, logger } = options;
  const actorFor = options.actorFor ?? ((sender: Sender) => (sender.transport === 'cli' ? 'cli' : 'user'));
  return {
    async handle(channel, rawInput, sender) {
      if (!sender.trusted) {
        logger.warn('request from an untrusted sender refused', { channel, sender: sender.description });
        return fail('forbidden_sender', 'This request did not come from the Handover window, so it was refused.');
      }
      if (!isChannel(channel)) return fail('unknown_channel', `Handover does not know the request "${String(channel).slice(0, 80)}".`);
      const spec = contract[channel];
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) return fail('invalid_input', describeInvalidInput(parsed.error));
      try {
        const handler = handlers[channel] as (input: unknown, ctx: RequestContext) => unknown;
        const value = await handler(parsed.data, { sender, actor: actorFor(sender) });
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          logger.error('handler returned data that breaks the contract', { channel, issues: checked.error.issues.slice(0, 5) });
          return fail('internal', 'Something went wrong inside Handover. Nothing was lost. Please try again.');
        }
        return { ok: true, value: checked.data };
      } catch (error) {
        if (isAppError(error)) return fail(error.code, error.message);
        logger.error('handler failed', { channel, error: error instanceof Error ? error.stack : String(error) });
        return fail('internal', 'Something went wrong inside Handover. Nothing was lost. Please try again.');
      }
    },
  };
}
