import { describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../../src-shared/domain/bundle';
import type { StatementBlock, StatementPdfInput } from './paper-types';
import { sampleManifest, sampleStatementInput } from './paper-sample.fixture';
import { commandLineEntries, roleInSentence } from './statement-body';
import { GENERIC_DECLARATION, UK_RULES_LINE, US_DECLARATION, VIDEO_WITNESS_STATEMENT_NOTE, statementText, ukTruthDeclaration } from './statement-text';

/** Everything a reader sees, no-break spaces as plain ones. */
function words(blocks: readonly StatementBlock[]): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'title':
          return `${block.title}\n${block.subtitle ?? ''}`;
        case 'fields':
          return block.fields.map((field) => `${field.label} ${field.value}`).join('\n');
        case 'exhibits':
          return block.rows.map((row) => Object.values(row).join(' ')).join('\n');
        case 'hash':
          return `${block.label} ${block.value}`;
        case 'signature':
          return block.lines.map((line) => `${line.label} ${line.value ?? '____'}`).join('\n');
        case 'appendix':
          return [block.title, block.intro, ...block.entries.map((entry) => `${entry.label}\n${entry.commandLine}`)].join('\n');
        default:
          return block.text;
      }
    })
    .join('\n')
    .replace(/\u00a0/g, ' ');
}

function withManifest(input: StatementPdfInput, change: (manifest: BundleManifest) => void): StatementPdfInput {
  const manifest = structuredClone(input.manifest);
  change(manifest);
  return { ...input, manifest };
}

const paragraphs = (blocks: readonly StatementBlock[]) => blocks.filter((block) => block.kind === 'paragraph').map((block) => block.text.replace(/\u00a0/g, ' '));

describe('statementText', () => {
  it('frames the UK statement as an MG11 with the s.9 declaration, the page count and the Video Witness Statement note', () => {
    const statement = statementText(sampleStatementInput('uk'), 3);
    const text = words(statement.blocks);
    expect(statement.blocks[0]).toEqual({ kind: 'title', title: 'WITNESS STATEMENT', subtitle: UK_RULES_LINE });
    expect(statement.blocks[1]).toEqual({
      kind: 'fields',
      fields: [
        { label: 'URN:', value: '44/12345/26' },
        { label: 'Statement of:', value: "Zoë Łukasz-O'Brien" },
        { label: 'Age if under 18:', value: 'over 18' },
        { label: 'Occupation:', value: 'Store manager' },
      ],
    });
    expect(statement.blocks[2]).toEqual({ kind: 'declaration', text: ukTruthDeclaration(3) });
    expect(ukTruthDeclaration(3)).toBe(
      'This statement (consisting of 3 page(s) each signed by me) is true to the best of my knowledge and belief and I make it knowing that, if it is tendered in evidence, I shall be liable to prosecution if I have wilfully stated in it anything which I know to be false, or do not believe to be true.',
    );
    expect(text).toContain('Signature: ____\nDate: ____');
    expect(text).toContain(VIDEO_WITNESS_STATEMENT_NOTE);
    expect(statement.signatureOnEveryPage).toBe(true);
    expect(statement.continuation).toBe("Continuation of statement of Zoë Łukasz-O'Brien");
  });

  it('frames the US declaration under 28 U.S.C. § 1746, paragraphs numbered, and calls itself a declaration', () => {
    const statement = statementText(sampleStatementInput('us'), 4);
    const text = words(statement.blocks);
    expect(text).toContain('DECLARATION OF CUSTODIAN OF RECORDS');
    expect(text).toContain('28 U.S.C. § 1746');
    expect(statement.blocks).toContainEqual({ kind: 'declaration', text: US_DECLARATION });
    expect(US_DECLARATION).toBe('I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.');
    const numbered = paragraphs(statement.blocks).filter((text) => /^\d+\. /.test(text));
    expect(numbered.map((text) => Number(/^(\d+)\./.exec(text)![1]))).toEqual(numbered.map((_, index) => index + 1));
    expect(numbered[0]).toBe("1. My name is Zoë Łukasz-O'Brien. I am the store manager of Zoë’s Corner Shop Ltd.");
    // Indented lines (the periods, the formats) belong to the paragraph before them and are not numbered.
    expect(paragraphs(statement.blocks).some((text) => text.startsWith('Till: '))).toBe(true);
    expect(text).not.toContain('this statement');
    expect(text).toContain('described in this declaration');
    expect(text).toContain('regularly conducted activity');
    expect(text).not.toContain(VIDEO_WITNESS_STATEMENT_NOTE);
    expect(statement.signatureOnEveryPage).toBe(false);
  });

  it('frames the generic statement with a plain truth declaration', () => {
    const statement = statementText(sampleStatementInput('generic'), 2);
    expect(words(statement.blocks)).toContain('STATEMENT OF PRODUCER');
    expect(statement.blocks).toContainEqual({ kind: 'declaration', text: GENERIC_DECLARATION });
    expect(words(statement.blocks)).not.toContain('Criminal Justice Act');
  });

  it('describes the system from what the producer typed, else the recorder, else "not known"', () => {
    const base = sampleStatementInput('generic');
    const typed = { ...base, details: { ...base.details, systemMakeModel: 'Hikvision DS-7608NI-K2', systemSerial: 'ABC123' } };
    expect(words(statementText(typed, 1).blocks)).toContain('The CCTV recorder is a Hikvision DS-7608NI-K2, serial number ABC123.');
    const noSerial = { ...base, details: { ...base.details, systemSerial: null } };
    expect(words(statementText(noSerial, 1).blocks)).toContain('The CCTV recorder is a Dahua NVR4108HS-4KS2; its serial number is not known.');
    const unknown = withManifest(noSerial, (manifest) => {
      manifest.recorders[0]!.makeModel = null;
    });
    expect(words(statementText(unknown, 1).blocks)).toContain('The make and model of the CCTV recorder are not known; its serial number is not known.');
  });

  it('says how the clock was checked, or that it was not and why, with the producer’s own note', () => {
    const base = sampleStatementInput('uk');
    expect(words(statementText(base, 1).blocks)).toContain(
      "I compared the recorder's clock with the correct time, reading both at the same moment. The recorder's clock is 3 min 12 s fast. Offset +192 s (recorder clock minus true time).",
    );
    expect(words(statementText(base, 1).blocks)).toContain(base.details.clockCheckNote!);
    const entered = withManifest(base, (manifest) => {
      manifest.recorders[0]!.clockCheck = 'entered';
    });
    expect(words(statementText(entered, 1).blocks)).toContain("I entered the difference between the recorder's clock and the correct time into Handover.");
    const skipped = withManifest(base, (manifest) => {
      Object.assign(manifest.recorders[0]!, { clockCheck: 'skipped', clockNote: 'The recorder is in a locked cupboard', clockOffsetS: 0 });
    });
    expect(words(statementText(skipped, 1).blocks)).toContain(
      "The recorder's clock was not checked: The recorder is in a locked cupboard. The true times in this statement use an offset of 0 s",
    );
  });

  it('prefixes each recorder’s clock with its label when there are several', () => {
    const two = withManifest(sampleStatementInput('uk'), (manifest) => {
      manifest.recorders.push({ ...manifest.recorders[0]!, label: 'Back office DVR', cameras: ['Yard'], clockOffsetS: -45, clockDescription: "The recorder's clock is 45 s slow." });
    });
    const text = words(statementText(two, 1).blocks);
    expect(text).toContain('NVR footage (USB export): The recorder is set to the time zone Europe/London.');
    expect(text).toContain("Back office DVR: The recorder is set to the time zone Europe/London. I compared the recorder's clock with the correct time, reading both at the same moment. The recorder's clock is 45 s slow. Offset -45 s");
    expect(text).toContain('It came from 2 recorders or footage folders: NVR footage (USB export); Back office DVR.');
    expect(text).toContain('comes from 4 cameras: Till, Front door, Stock room, Yard.');
  });

  it('says the masters are unaltered only when each one’s source hash equals its own, and explains any that are not', () => {
    const base = sampleStatementInput('uk');
    expect(words(statementText(base, 1).blocks)).toContain('The masters ZLO/1 to ZLO/3 are byte-for-byte copies of the original recordings.');
    const odd = withManifest(base, (manifest) => {
      manifest.exhibits[1]!.sourceSha256 = 'f'.repeat(64);
      manifest.exhibits[2]!.sourceSha256 = null;
    });
    const text = words(statementText(odd, 1).blocks);
    expect(text).toContain('The master ZLO/1 is a byte-for-byte copy of the original recording.');
    expect(text).toContain(`ZLO/2 was copied byte for byte, but the SHA-256 of the original recording (${'f'.repeat(64)}) differs from the copy's.`);
    expect(text).toContain('ZLO/3 was copied byte for byte, but the SHA-256 of the original recording was not recorded as it was copied.');
    const trimmed = withManifest(base, (manifest) => {
      Object.assign(manifest.exhibits[0]!, {
        method: 'remux',
        description: 'Original recording from Till, trimmed by stream copy (not byte-identical)',
        processing: [{ description: 'Trimmed the recording to the clip by stream copy.', tool: 'ffmpeg', toolVersion: '6.1', commandLine: 'ffmpeg -c copy', parameters: {} }],
      });
    });
    expect(words(statementText(trimmed, 1).blocks)).toContain(
      'ZLO/1 is not a byte-for-byte copy: Original recording from Till, trimmed by stream copy (not byte-identical). Trimmed the recording to the clip by stream copy.',
    );
  });

  it('explains the working copies’ processing once per kind of processing, and lists each command line once', () => {
    const input = sampleStatementInput('uk');
    const text = words(statementText(input, 1).blocks);
    expect(text).toContain('The working copies and stills were made from the recordings with ffmpeg 6.1.1-3ubuntu5');
    expect(text).toContain('ZLO/4 to ZLO/6: Re-encoded the clip as H.264 video');
    expect(text).toContain('ZLO/7, ZLO/8: Saved one frame');
    const entries = commandLineEntries(input.manifest.exhibits);
    // Three steps of one ffmpeg run share its command line: one entry per run, five runs.
    expect(entries).toHaveLength(5);
    expect(entries[0]!.label).toBe('ZLO/4 (ffmpeg 6.1.1-3ubuntu5)');
    expect(entries[0]!.commandLine).toBe(input.manifest.exhibits[3]!.processing[0]!.commandLine);
  });

  it('lists every exhibit with its hash, and the zip and certificate fingerprints as hash blocks', () => {
    const input = sampleStatementInput('generic');
    const { blocks } = statementText(input, 1);
    const table = blocks.find((block) => block.kind === 'exhibits');
    expect(table?.kind === 'exhibits' && table.rows.map((row) => row.sha256)).toEqual(input.manifest.exhibits.map((exhibit) => exhibit.sha256));
    expect(blocks).toContainEqual({ kind: 'hash', label: 'SHA-256 of evidence.zip:', value: input.zip.sha256 });
    expect(blocks).toContainEqual({ kind: 'hash', label: "SHA-256 fingerprint of the producer's certificate:", value: input.manifest.producer.certificateFingerprintSha256 });
  });

  it('copes with no crime reference, incomplete exhibits and no processing at all', () => {
    const input = withManifest(sampleStatementInput('uk'), (manifest) => {
      manifest.case.reference = null;
      manifest.exhibits = manifest.exhibits.filter((exhibit) => exhibit.kind === 'master');
      Object.assign(manifest.exhibits[0]!, { status: 'incomplete', note: 'The recording ends early: the file was cut short' });
    });
    const statement = statementText(input, 1);
    const text = words(statement.blocks);
    expect(text).toContain('URN: none given');
    expect(text).not.toContain('crime reference');
    expect(text).toContain('ZLO/1 is incomplete: The recording ends early: the file was cut short.');
    expect(statement.blocks.some((block) => block.kind === 'appendix')).toBe(false);
    // With no working copies, the masters give the periods.
    expect(text).toContain('Till: Fri 3 Jul 2026, 13:56:48 BST to 14:11:48 BST true time');
  });

  it('is pure: the same input gives the same words', () => {
    expect(statementText(sampleStatementInput('uk'), 2)).toEqual(statementText(sampleStatementInput('uk'), 2));
    expect(sampleManifest()).toEqual(sampleManifest());
  });
});

describe('roleInSentence', () => {
  it('lower-cases ordinary job titles but keeps acronyms and odd capitals as typed', () => {
    expect(roleInSentence('Store manager')).toBe('store manager');
    expect(roleInSentence('Loss Prevention Officer')).toBe('loss prevention officer');
    expect(roleInSentence('Owner')).toBe('owner');
    expect(roleInSentence('CCTV operator')).toBe('CCTV operator');
    expect(roleInSentence('McDonald franchisee')).toBe('McDonald franchisee');
  });
});

describe('the opening paragraphs', () => {
  it('name the kind of incident, where it was and the crime reference when known', () => {
    const base = sampleStatementInput('uk');
    const opening = (change: (manifest: BundleManifest) => void) => paragraphs(statementText(withManifest(base, change), 1).blocks)[1];
    expect(opening(() => {})).toBe(
      "I have access to the CCTV recording system at Zoë’s Corner Shop Ltd, and I made the copies of its footage described in this statement for the police investigation of a theft at 12 High Street, Leeds LS1 4AB with crime reference 44/12345/26.",
    );
    expect(
      opening((manifest) => {
        Object.assign(manifest.case, { incidentType: 'assault', location: null });
      }),
    ).toContain('for the police investigation of an assault with crime reference 44/12345/26.');
    expect(
      opening((manifest) => {
        Object.assign(manifest.case, { incidentType: 'other', location: null, reference: null });
      }),
    ).toBe("I have access to the CCTV recording system at Zoë’s Corner Shop Ltd, and I made the copies of its footage described in this statement.");
  });
});
