import { describe, expect, it } from 'vitest';
import { parseRoute, routeToHash } from './routes';

describe('routes', () => {
  it('round-trips every page', () => {
    const id = '6f1c2d8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f';
    for (const route of [{ page: 'cases' } as const, { page: 'system' } as const, { page: 'case', caseId: id, step: 'usb' } as const]) {
      expect(parseRoute(routeToHash(route))).toEqual(route);
    }
  });

  it('falls back to the case list or the first step for unknown fragments', () => {
    expect(parseRoute('')).toEqual({ page: 'cases' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'cases' });
    expect(parseRoute('#/case/abc/bogus')).toEqual({ page: 'case', caseId: 'abc', step: 'review' });
  });
});
