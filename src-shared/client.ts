import { CHANNELS, type AppEvent, type ApiErrorBody, type Channel, type InputOf, type OutputOf, type Result } from './contract';

/** Anything that can carry a request to the router and events back: Electron IPC, the loopback bridge, a test. */
export interface Transport {
  invoke(channel: Channel, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
}

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;
type Domain = DomainOf<Channel>;
interface EventsClient {
  subscribe(listener: (event: AppEvent) => void): () => void;
}

/** `client.cases.create(input)` returns the router's envelope; it never throws for a refused request. */
export type EnvelopeClient = {
  [D in Domain]: { [C in Channel as C extends `${D}.${infer V}` ? V : never]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>> };
} & { events: EventsClient };

/** The same client, unwrapped: methods resolve with the value or reject with an ApiError. */
export type ApiClient = {
  [D in Domain]: { [C in Channel as C extends `${D}.${infer V}` ? V : never]: (input: InputOf<C>) => Promise<OutputOf<C>> };
} & { events: EventsClient };

export class ApiError extends Error {
  readonly code: ApiErrorBody['code'];
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
  }
}

function splitChannel(channel: Channel): [string, string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot), channel.slice(dot + 1)];
}

/**
 * Builds the envelope client from the contract's channel list. Only plain functions and objects are created, so the
 * result can cross Electron's contextBridge as it is.
 */
export function createEnvelopeClient(transport: Transport): EnvelopeClient {
  const client: Record<string, Record<string, unknown>> = {};
  for (const channel of CHANNELS) {
    const [domain, verb] = splitChannel(channel);
    client[domain] ??= {};
    client[domain][verb] = (input: unknown) => transport.invoke(channel, input ?? {});
  }
  client.events = { subscribe: (listener: (event: AppEvent) => void) => transport.subscribe(listener) };
  return client as unknown as EnvelopeClient;
}

/** Wraps an envelope client (for example the one the preload exposed) so failures become ApiError rejections. */
export function createApiClient(envelopes: EnvelopeClient): ApiClient {
  const source = envelopes as unknown as Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>>;
  const client: Record<string, Record<string, unknown>> = {};
  for (const channel of CHANNELS) {
    const [domain, verb] = splitChannel(channel);
    const call = source[domain]?.[verb];
    if (!call) throw new Error(`The app's connection is missing "${channel}". Restart Handover.`);
    client[domain] ??= {};
    client[domain][verb] = async (input: unknown) => {
      const result = await call(input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    };
  }
  client.events = { subscribe: (listener: (event: AppEvent) => void) => envelopes.events.subscribe(listener) };
  return client as unknown as ApiClient;
}
