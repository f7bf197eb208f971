/**
 * The producer statement's words for each jurisdiction, as blocks to lay out: the MG11 witness statement (England and
 * Wales), a US declaration of the custodian of records under 28 U.S.C. § 1746, or a plain statement of the producer.
 * Pure: no PDF, no clock, no files.
 */
import { commandLineEntries, statementBody } from './statement-body';
import { crimeReference } from './paper-format';
import type { StatementBlock, StatementPdfInput, StatementText } from './paper-types';

export const UK_RULES_LINE = "Criminal Procedure Rules, r 16.2; Criminal Justice Act 1967, s. 9; Magistrates' Courts Act 1980, s.5B";

/** The s.9 declaration, word for word as on the MG11, with the number of pages filled in. */
export function ukTruthDeclaration(pageCount: number): string {
  return `This statement (consisting of ${pageCount} page(s) each signed by me) is true to the best of my knowledge and belief and I make it knowing that, if it is tendered in evidence, I shall be liable to prosecution if I have wilfully stated in it anything which I know to be false, or do not believe to be true.`;
}

export const US_DECLARATION = 'I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.';

export const GENERIC_DECLARATION = 'I confirm that the contents of this statement are true to the best of my knowledge and belief.';

export const VIDEO_WITNESS_STATEMENT_NOTE =
  'Retailers in England and Wales may instead use the national Video Witness Statement agreed for retail crime; ask the officer in the case.';

function appendix(input: StatementPdfInput): StatementBlock[] {
  const entries = commandLineEntries(input.manifest.exhibits);
  if (entries.length === 0) return [];
  return [
    {
      kind: 'appendix',
      title: 'Appendix: how the working copies and stills were made',
      intro: 'Each ffmpeg command line exactly as it was run, with the exhibits it made. Running it again on the same recording with the same version of ffmpeg repeats the work.',
      entries,
    },
  ];
}

/** US declarations number their paragraphs. */
function numbered(blocks: readonly StatementBlock[]): StatementBlock[] {
  let number = 0;
  return blocks.map((block) => {
    if (block.kind !== 'paragraph' || block.indent) return block;
    number += 1;
    return { ...block, text: `${number}. ${block.text}` };
  });
}

/**
 * The statement for `input.details.jurisdiction`. `pageCount` is the number of pages the PDF will have, which the
 * UK declaration states; the renderer lays the statement out until the count it prints is the count it makes.
 */
export function statementText(input: StatementPdfInput, pageCount: number): StatementText {
  const { manifest, details } = input;
  const person = manifest.producer.person;
  const reference = crimeReference(manifest);
  const body = statementBody(input);

  if (details.jurisdiction === 'uk') {
    return {
      title: `Witness statement of ${person}`,
      continuation: `Continuation of statement of ${person}`,
      signatureOnEveryPage: true,
      blocks: [
        { kind: 'title', title: 'WITNESS STATEMENT', subtitle: UK_RULES_LINE },
        {
          kind: 'fields',
          fields: [
            { label: 'URN:', value: reference },
            { label: 'Statement of:', value: person },
            { label: 'Age if under 18:', value: 'over 18' },
            { label: 'Occupation:', value: details.role },
          ],
        },
        { kind: 'declaration', text: ukTruthDeclaration(pageCount) },
        { kind: 'signature', lines: [{ label: 'Signature:', value: null }, { label: 'Date:', value: null }] },
        ...body,
        { kind: 'note', text: VIDEO_WITNESS_STATEMENT_NOTE },
        ...appendix(input),
      ],
    };
  }

  if (details.jurisdiction === 'us') {
    return {
      title: `Declaration of ${person}, custodian of records`,
      continuation: `Declaration of ${person} (continued)`,
      signatureOnEveryPage: false,
      blocks: [
        {
          kind: 'title',
          title: 'DECLARATION OF CUSTODIAN OF RECORDS',
          subtitle: 'Certification of CCTV recordings and copies of them (28 U.S.C. § 1746; Fed. R. Evid. 902(11), 902(13), 902(14))',
        },
        {
          kind: 'fields',
          fields: [
            { label: 'Case or report number:', value: reference },
            { label: 'Declarant:', value: person },
            { label: 'Title:', value: details.role },
            { label: 'Business:', value: manifest.producer.organisation },
          ],
        },
        { kind: 'paragraph', text: `I, ${person}, declare as follows:` },
        ...numbered([
          ...body,
          {
            kind: 'paragraph',
            text: `The recordings were made automatically by the CCTV system at or near the time of the events they show, in the course of the regularly conducted activity of ${manifest.producer.organisation}, and it is its regular practice to make and keep such recordings. The copies were checked by a process of digital identification: the SHA-256 hashes above.`,
          },
        ]),
        { kind: 'declaration', text: US_DECLARATION },
        {
          kind: 'signature',
          lines: [
            { label: 'Executed on (date):', value: null },
            { label: 'At (city and state):', value: null },
            { label: 'Signature:', value: null },
            { label: 'Printed name:', value: person },
          ],
        },
        { kind: 'note', text: 'For a state court, ask the officer or prosecutor whether they need their own form.' },
        ...appendix(input),
      ],
    };
  }

  return {
    title: `Statement of producer: ${person}`,
    continuation: `Statement of ${person} (continued)`,
    signatureOnEveryPage: false,
    blocks: [
      { kind: 'title', title: 'STATEMENT OF PRODUCER', subtitle: 'CCTV footage produced to the police' },
      {
        kind: 'fields',
        fields: [
          { label: 'Reference:', value: reference },
          { label: 'Name:', value: person },
          { label: 'Role:', value: details.role },
          { label: 'Organisation:', value: manifest.producer.organisation },
        ],
      },
      ...body,
      { kind: 'declaration', text: GENERIC_DECLARATION },
      { kind: 'signature', lines: [{ label: 'Signature:', value: null }, { label: 'Name:', value: person }, { label: 'Date:', value: null }] },
      ...appendix(input),
    ],
  };
}
