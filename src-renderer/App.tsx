import { CaseListPage } from './features/cases/CaseListPage';
import { CasePage } from './features/case/CasePage';
import { SystemCheckPage } from './features/system/SystemCheckPage';
import { useRoute } from './use-route';

export function App() {
  const [route, navigate] = useRoute();
  return (
    <div className="app">
      <header className="app-header">
        <a className="brand" href="#/">
          Handover
        </a>
        <nav aria-label="Main">
          <a href="#/">Cases</a>
          <a href="#/system">Check this computer</a>
        </nav>
      </header>
      <main className="app-main">
        {route.page === 'cases' && <CaseListPage onOpen={(caseId) => navigate({ page: 'case', caseId, step: 'review' })} />}
        {route.page === 'case' && <CasePage caseId={route.caseId} step={route.step} onStep={(step) => navigate({ ...route, step })} />}
        {route.page === 'system' && <SystemCheckPage />}
      </main>
    </div>
  );
}
