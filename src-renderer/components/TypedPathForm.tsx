import type { FormEvent } from 'react';

/**
 * Typing where a file or folder is: only in a browser on the loopback bridge, where there is no main-process dialog
 * (the app's window never sends a typed path). One label, one input, one button.
 */
export function TypedPathForm(props: {
  ariaLabel: string;
  label: string;
  placeholder: string;
  buttonText: string;
  buttonClass?: 'primary' | 'secondary';
  name?: string;
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
  onSubmit: (path: string) => void;
  testIds?: { input?: string; button?: string };
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(props.value);
  };
  return (
    <form className="form add-folder-form" onSubmit={submit} aria-label={props.ariaLabel}>
      <label>
        <span>{props.label}</span>
        <input
          name={props.name}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
          placeholder={props.placeholder}
          autoComplete="off"
          spellCheck={false}
          required
          data-testid={props.testIds?.input}
        />
      </label>
      <button type="submit" className={`button ${props.buttonClass ?? 'primary'}`} disabled={props.disabled} data-testid={props.testIds?.button}>
        {props.buttonText}
      </button>
    </form>
  );
}
