import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { SlipContent } from './password-format';

/** The printed slip, on its own: the print stylesheet hides the rest of the page while it is there. */
export function SlipView(props: { slip: SlipContent }) {
  const { slip } = props;
  return (
    <div className="print-slip" data-testid="password-slip">
      <h1>{slip.title}</h1>
      <dl>
        {slip.lines.map((line) => (
          <div key={line.label}>
            <dt>{line.label}</dt>
            <dd>{line.value}</dd>
          </div>
        ))}
      </dl>
      <p>{slip.instruction}</p>
      <ol className="slip-parts">
        {slip.parts.map((part, index) => (
          <li key={index}>{part}</li>
        ))}
      </ol>
      <p>Typed in full:</p>
      <p className="slip-full">{slip.typedInFull}</p>
      <p className="slip-warning">{slip.warning}</p>
    </div>
  );
}

/**
 * Shown only while printing: put straight under <body> so the print stylesheet can hide everything else, then
 * removed again when the print dialog closes (so the password is never left lying in the page).
 */
export function PrintSlip(props: { slip: SlipContent; onDone: () => void }) {
  const doneRef = useRef(props.onDone);
  useEffect(() => {
    doneRef.current = props.onDone;
  });
  useEffect(() => {
    const done = () => doneRef.current();
    window.addEventListener('afterprint', done);
    window.print();
    return () => window.removeEventListener('afterprint', done);
  }, []);
  return createPortal(<SlipView slip={props.slip} />, document.body);
}
