import type { CatalogueOverview } from '../../../src-shared/domain/catalogue';
import { FILE_STATUS_WORDS, plural } from './footage-format';

/** Recordings that could not be read in full, and files that are not recordings at all. */
export function ProblemFiles(props: { problems: CatalogueOverview['problems']; skipped: CatalogueOverview['skipped'] }) {
  const { problems, skipped } = props;
  return (
    <div className="problem-files">
      <h3>Problem files</h3>
      {problems.length === 0 ? (
        <p className="ok">Every recording could be read.</p>
      ) : (
        <ul className="file-list" aria-label="Problem files" data-testid="problem-files">
          {problems.map((problem) => (
            <li key={problem.path}>
              <span className="file-path">{problem.path}</span>
              <span className={problem.status === 'ok' ? 'muted' : 'problem'}>
                {FILE_STATUS_WORDS[problem.status]}
                {problem.reason ? `: ${problem.reason}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {skipped.length > 0 && (
        <details className="skipped">
          <summary>Files that were skipped ({plural(skipped.length, 'file')})</summary>
          <p className="muted small">These are not recordings Handover knows how to read, so they were left alone.</p>
          <ul className="file-list">
            {skipped.map((skip) => (
              <li key={skip.path}>
                <span className="file-path">{skip.path}</span>
                <span className="muted">{skip.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
