import { STEP_IDS, type StepId } from '../src-shared/domain/cases';

export type Route = { page: 'cases' } | { page: 'case'; caseId: string; step: StepId } | { page: 'system' };

/** Routes live in the URL fragment, so a reload keeps the person where they were. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'system') return { page: 'system' };
  if (parts[0] === 'case' && parts[1]) {
    const step = STEP_IDS.find((id) => id === parts[2]) ?? 'review';
    return { page: 'case', caseId: parts[1], step };
  }
  return { page: 'cases' };
}

export function routeToHash(route: Route): string {
  switch (route.page) {
    case 'cases':
      return '#/';
    case 'system':
      return '#/system';
    case 'case':
      return `#/case/${encodeURIComponent(route.caseId)}/${route.step}`;
  }
}
