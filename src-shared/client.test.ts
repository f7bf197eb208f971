import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, createEnvelopeClient, type Transport } from './client';
import { CHANNELS, type Result } from './contract';

function fakeTransport(answer: (channel: string, input: unknown) => Result<unknown>): Transport & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  return {
    calls,
    invoke: (channel, input) => {
      calls.push([channel, input]);
      return Promise.resolve(answer(channel, input));
    },
    subscribe: () => () => undefined,
  };
}

describe('contract clients', () => {
  it('has one function per contract channel, grouped by domain', () => {
    const client = createEnvelopeClient(fakeTransport(() => ({ ok: true, value: null }))) as unknown as Record<string, Record<string, unknown>>;
    for (const channel of CHANNELS) {
      const [domain, verb] = channel.split('.') as [string, string];
      expect(typeof client[domain]?.[verb]).toBe('function');
    }
  });

  it('sends the channel name and input through the transport', async () => {
    const transport = fakeTransport(() => ({ ok: true, value: [] }));
    const envelopes = createEnvelopeClient(transport);
    expect(await envelopes.cases.list({})).toEqual({ ok: true, value: [] });
    expect(transport.calls).toEqual([['cases.list', {}]]);
  });

  it('turns refusals into ApiError with the code and plain message', async () => {
    const api = createApiClient(createEnvelopeClient(fakeTransport(() => ({ ok: false, error: { code: 'not_found', message: 'That case could not be found.' } }))));
    const failure = await api.cases.get({ caseId: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'not_found', message: 'That case could not be found.' });
  });
});
