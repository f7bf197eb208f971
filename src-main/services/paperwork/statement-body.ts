/**
 * The facts of the producer statement, in the first person, from the manifest and what the producer added. The same
 * for every jurisdiction; statement-text.ts puts the jurisdiction's frame around them.
 */
import type { ManifestExhibit } from '../../../src-shared/domain/bundle';
import {
  allCameras,
  clockOffsetText,
  crimeReference,
  formatBytes,
  formatDateTime,
  formatPeriod,
  recorderPeriod,
  signedSeconds,
  utcPeriod,
  type ManifestRecorder,
} from './paper-format';
import { exhibitRows, idList } from './exhibit-rows';
import type { StatementBlock, StatementPdfInput } from './paper-types';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
/** What the document calls itself: a US declaration, otherwise a statement. */
const selfName = (input: StatementPdfInput) => (input.details.jurisdiction === 'us' ? 'declaration' : 'statement');

/** "Store manager" → "store manager" inside a sentence; acronyms and odd capitals are left as typed. */
export function roleInSentence(role: string): string {
  return /^[A-Z][a-z]+(\s+[A-Za-z][a-z]+)*$/.test(role.trim()) ? role.trim().toLowerCase() : role.trim();
}

function systemParagraph(input: StatementPdfInput): string {
  const { details, manifest } = input;
  const known = [...new Set(manifest.recorders.map((recorder) => recorder.makeModel).filter((makeModel): makeModel is string => !!makeModel))];
  const makeModel = details.systemMakeModel ?? (known.length > 0 ? known.join(' and ') : null);
  const serial = details.systemSerial ?? 'not known';
  const cameras = allCameras(manifest);
  const first =
    makeModel === null
      ? `The make and model of the CCTV recorder are not known; its serial number is ${serial}.`
      : details.systemSerial
        ? `The CCTV recorder is a ${makeModel}, serial number ${serial}.`
        : `The CCTV recorder is a ${makeModel}; its serial number is not known.`;
  const camerasText = cameras.length > 0 ? ` The footage in this ${selfName(input)} comes from ${plural(cameras.length, 'camera', 'cameras')}: ${cameras.join(', ')}.` : '';
  const folders =
    manifest.recorders.length > 1 ? ` It came from ${manifest.recorders.length} recorders or footage folders: ${manifest.recorders.map((recorder) => recorder.label).join('; ')}.` : '';
  return `${first}${camerasText}${folders}`;
}

function clockParagraph(recorder: ManifestRecorder, options: { several: boolean; selfName: string }): string {
  const prefix = options.several ? `${recorder.label}: ` : '';
  const zone = `${prefix}The recorder is set to the time zone ${recorder.timeZone}.`;
  switch (recorder.clockCheck) {
    case 'measured':
      return `${zone} I compared the recorder's clock with the correct time, reading both at the same moment. ${clockOffsetText(recorder)}`;
    case 'entered':
      return `${zone} I entered the difference between the recorder's clock and the correct time into Handover. ${clockOffsetText(recorder)}`;
    default: {
      const why = recorder.clockNote?.trim() ? `: ${recorder.clockNote.trim().replace(/\.$/, '')}.` : '.';
      return `${zone} The recorder's clock was not checked${why} The true times in this ${options.selfName} use an offset of ${signedSeconds(recorder.clockOffsetS)} and may be out by any error in its clock.`;
    }
  }
}

/** One period per clip: working copies (the parts of a split file taken together), or the masters when there are none. */
function exportedPeriods(exhibits: readonly ManifestExhibit[]): ManifestExhibit[] {
  const timed = (kind: ManifestExhibit['kind']) => exhibits.filter((exhibit) => exhibit.kind === kind && exhibit.camera !== null && exhibit.trueTime !== null);
  const chosen = timed('working').length > 0 ? timed('working') : timed('master');
  const byWhole = new Map<string, ManifestExhibit>();
  for (const exhibit of chosen) {
    const key = exhibit.part?.of ?? exhibit.id;
    const known = byWhole.get(key);
    if (!known) {
      byWhole.set(key, { ...exhibit, id: key });
      continue;
    }
    known.trueTime = { start: known.trueTime!.start < exhibit.trueTime!.start ? known.trueTime!.start : exhibit.trueTime!.start, end: known.trueTime!.end > exhibit.trueTime!.end ? known.trueTime!.end : exhibit.trueTime!.end };
    if (known.recorderTime && exhibit.recorderTime) known.recorderTime = { ...known.recorderTime, end: exhibit.recorderTime.end };
  }
  return [...byWhole.values()];
}

const formats = (exhibits: readonly ManifestExhibit[]) =>
  [...new Set(exhibits.map((exhibit) => /\.([A-Za-z0-9]+)$/.exec(exhibit.file)?.[1]?.toUpperCase() ?? 'unknown'))].join(', ');

const METHOD_WORDS: Record<ManifestExhibit['method'], string> = {
  copy: 'copied byte for byte',
  remux: 'repackaged as MP4 without re-encoding the video (remux)',
  reencode: 're-encoded as H.264 video (re-encode)',
  generated: 'written by Handover',
};

function howParagraphs(exhibits: readonly ManifestExhibit[]): string[] {
  const of = (kind: ManifestExhibit['kind']) => exhibits.filter((exhibit) => exhibit.kind === kind);
  const ids = (list: readonly ManifestExhibit[]) => idList(list.map((exhibit) => exhibit.id));
  const byMethod = (list: readonly ManifestExhibit[]) => {
    const methods = [...new Set(list.map((exhibit) => exhibit.method))];
    if (methods.length === 1) return METHOD_WORDS[methods[0]!];
    return methods.map((method) => `${METHOD_WORDS[method]} (${ids(list.filter((exhibit) => exhibit.method === method))})`).join('; ');
  };
  const lines: string[] = [];
  const masters = of('master');
  if (masters.length > 0) lines.push(`Masters (${ids(masters)}): the original recording files, in the recorder's own format (${formats(masters)}), ${byMethod(masters)}.`);
  const working = of('working');
  if (working.length > 0) lines.push(`Working copies (${ids(working)}): ${formats(working)} files that play on an ordinary PC, ${byMethod(working)}.`);
  const stills = of('still');
  if (stills.length > 0) lines.push(`Stills (${ids(stills)}): single frames at the recording's own resolution, saved as ${formats(stills)} pictures.`);
  for (const document of of('document')) lines.push(`Document ${document.id}: ${document.description} (${formats([document])}), written by Handover.`);
  return lines;
}

function masterParagraphs(masters: readonly ManifestExhibit[]): string[] {
  const exact = masters.filter((exhibit) => exhibit.method === 'copy' && exhibit.sourceSha256 === exhibit.sha256);
  const lines: string[] = [];
  if (exact.length > 0) {
    lines.push(
      `The master${exact.length === 1 ? '' : 's'} ${idList(exact.map((exhibit) => exhibit.id))} ${exact.length === 1 ? 'is a byte-for-byte copy' : 'are byte-for-byte copies'} of the original recording${exact.length === 1 ? '' : 's'}. As each was copied, Handover calculated the SHA-256 of the original recording on the recorder's storage; it is the same as the SHA-256 of the copy given above, so the copies are exact and have not been altered.`,
    );
  }
  for (const exhibit of masters.filter((master) => !exact.includes(master))) {
    const why =
      exhibit.method !== 'copy'
        ? `is not a byte-for-byte copy: ${exhibit.description}. ${exhibit.processing.map((step) => step.description).join(' ')}`
        : exhibit.sourceSha256 === null
          ? 'was copied byte for byte, but the SHA-256 of the original recording was not recorded as it was copied.'
          : `was copied byte for byte, but the SHA-256 of the original recording (${exhibit.sourceSha256}) differs from the copy's.`;
    lines.push(`${exhibit.id} ${why}`.trim());
  }
  return lines;
}

function processingParagraphs(exhibits: readonly ManifestExhibit[]): string[] {
  const processed = exhibits.filter((exhibit) => exhibit.kind !== 'master' && exhibit.processing.length > 0);
  if (processed.length === 0) return [];
  const groups = new Map<string, string[]>();
  for (const exhibit of processed) {
    const text = exhibit.processing.map((step) => step.description.trim()).join(' ');
    groups.set(text, [...(groups.get(text) ?? []), exhibit.id]);
  }
  const tools = [...new Set(processed.flatMap((exhibit) => exhibit.processing.map((step) => `${step.tool} ${step.toolVersion}`)))].join(', ');
  return [
    `The working copies and stills were made from the recordings with ${tools}, as follows. The exact command lines are in the appendix.`,
    ...[...groups].map(([text, ids]) => `${idList(ids)}: ${text}`),
  ];
}

/** "…the police investigation of a theft…"; 'other' and unknown kinds are left out. */
const INCIDENT_WORDS: Partial<Record<string, string>> = {
  theft: 'a theft',
  burglary: 'a burglary',
  robbery: 'a robbery',
  criminal_damage: 'criminal damage',
  assault: 'an assault',
  antisocial_behaviour: 'antisocial behaviour',
  fraud: 'a fraud',
  vehicle: 'an incident involving a vehicle',
};

/** The body, section by section, with the exhibits table and the hashes. */
export function statementBody(input: StatementPdfInput): StatementBlock[] {
  const { manifest, details, timeZone } = input;
  const { producer } = manifest;
  const reference = crimeReference(manifest);
  const self = selfName(input);
  const incidentWords = INCIDENT_WORDS[manifest.case.incidentType];
  const incident = incidentWords ? ` of ${incidentWords}` : '';
  const blocks: StatementBlock[] = [];
  const paragraph = (text: string, indent = false) => blocks.push(indent ? { kind: 'paragraph', text, indent } : { kind: 'paragraph', text });
  const heading = (text: string) => blocks.push({ kind: 'heading', text });

  paragraph(`My name is ${producer.person}. I am the ${roleInSentence(details.role)} of ${producer.organisation}.`);
  const where = manifest.case.location?.trim() ? ` at ${manifest.case.location.trim()}` : '';
  const investigation = reference === 'none given' ? (incident || where ? ` for the police investigation${incident}${where}` : '') : ` for the police investigation${incident}${where} with crime reference ${reference}`;
  paragraph(`I have access to the CCTV recording system at ${producer.organisation}, and I made the copies of its footage described in this ${self}${investigation}.`);

  heading('The CCTV system and its clock');
  paragraph(systemParagraph(input));
  for (const recorder of manifest.recorders) paragraph(clockParagraph(recorder, { several: manifest.recorders.length > 1, selfName: self }));
  if (details.clockCheckNote) paragraph(details.clockCheckNote.trim());
  paragraph(`In this ${self} "true time" means the recorder's time corrected for its clock error. True times are given in ${timeZone} time and in UTC.`);

  heading('What I exported and how');
  paragraph(`On ${formatDateTime(Date.parse(manifest.createdAt), timeZone)} I used ${manifest.software.name} (version ${manifest.software.version}) to export footage for these cameras and periods:`);
  const periods = exportedPeriods(manifest.exhibits);
  if (periods.length === 0) paragraph('None of the files exported has times recorded for it.', true);
  for (const exhibit of periods) {
    const trueTime = { startMs: Date.parse(exhibit.trueTime!.start), endMs: Date.parse(exhibit.trueTime!.end) };
    const recorderShown = exhibit.recorderTime ? `; the recorder's clock showed ${recorderPeriod(exhibit.recorderTime)}` : '';
    paragraph(`${exhibit.camera}: ${formatPeriod({ ...trueTime, timeZone })} true time (UTC ${utcPeriod(trueTime)})${recorderShown}.`, true);
  }
  const how = howParagraphs(manifest.exhibits);
  if (how.length > 0) paragraph('I exported them as:');
  for (const line of how) paragraph(line, true);

  heading('The exhibits');
  paragraph(
    `I produce the exhibits below. Each file's SHA-256 hash, its digital fingerprint, is given so that any copy can be checked against it. An exhibit reference such as ${manifest.exhibits[0]?.id ?? `${producer.initials}/1`} is written ${manifest.exhibits[0]?.fileRef ?? `${producer.initials}_1`} in file names.`,
  );
  blocks.push({ kind: 'exhibits', rows: exhibitRows(manifest) });

  const handling = [
    ...masterParagraphs(manifest.exhibits.filter((exhibit) => exhibit.kind === 'master')),
    ...processingParagraphs(manifest.exhibits),
    ...manifest.exhibits.filter((item) => item.status === 'incomplete').map((exhibit) => `${exhibit.id} is incomplete: ${exhibit.note || 'the recording was damaged or cut short'}.`),
  ];
  if (handling.length > 0) heading('Masters and working copies');
  for (const line of handling) paragraph(line);

  heading('The evidence bundle');
  paragraph(
    `I put the exhibits, with a list of them (manifest.json) and a record of how they were handled, into one encrypted file, ${input.zip.name}, in the folder ${input.bundleName}. Its size is ${formatBytes(input.zip.bytes)}.`,
  );
  blocks.push({ kind: 'hash', label: `SHA-256 of ${input.zip.name}:`, value: input.zip.sha256 });
  paragraph(`${manifest.software.name} signed the list of exhibits with a digital certificate made for ${producer.organisation} (${producer.certificateSubject}).`);
  blocks.push({ kind: 'hash', label: "SHA-256 fingerprint of the producer's certificate:", value: producer.certificateFingerprintSha256 });
  paragraph(`The password for ${input.zip.name} is not written in this ${self}; it is given to the police separately.`);
  return blocks;
}

/** Every distinct ffmpeg command line, with the exhibits it made. */
export function commandLineEntries(exhibits: readonly ManifestExhibit[]): { label: string; commandLine: string }[] {
  const byLine = new Map<string, { ids: string[]; tool: string }>();
  for (const exhibit of exhibits) {
    for (const step of exhibit.processing) {
      const known = byLine.get(step.commandLine) ?? { ids: [], tool: `${step.tool} ${step.toolVersion}` };
      if (!known.ids.includes(exhibit.id)) known.ids.push(exhibit.id);
      byLine.set(step.commandLine, known);
    }
  }
  return [...byLine].map(([commandLine, { ids, tool }]) => ({ label: `${idList(ids)} (${tool})`, commandLine }));
}
