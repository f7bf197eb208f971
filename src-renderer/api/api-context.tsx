import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../../src-shared/client';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider(props: { api: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={props.api}>{props.children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an ApiProvider above it.');
  return api;
}
