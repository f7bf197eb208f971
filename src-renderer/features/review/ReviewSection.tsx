import { useApi } from '../../api/api-context';
import { useLoad } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { ReviewWorkspace } from './ReviewWorkspace';

/** Loads the case's timeline and what has been marked, and shows the review screen once there is footage. */
export function ReviewSection(props: { caseId: string; footageVersion: number }) {
  const api = useApi();
  const { caseId } = props;
  const timeline = useLoad(() => api.review.timeline({ caseId }), `${caseId}:${props.footageVersion}`);
  const state = useLoad(() => api.review.state({ caseId }), caseId);
  if (timeline.error || state.error) return <ErrorNote message={timeline.error ?? state.error} />;
  if (!timeline.data || !state.data) return <p className="muted">Getting the timeline ready…</p>;
  if (timeline.data.cameras.length === 0) return null;
  return <ReviewWorkspace caseId={caseId} timeline={timeline.data} state={state.data} onStateChanged={() => state.reload()} onTimelineChanged={() => timeline.reload()} />;
}
