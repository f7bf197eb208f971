export function ProgressBar(props: { ratio: number; label: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, props.ratio)) * 100);
  return (
    <div className="progress" role="progressbar" aria-label={props.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
