export function ErrorNote(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <p className="error-note" role="alert">
      {props.message}
    </p>
  );
}
