/**
 * Tests only: a realistic bundle manifest for the paperwork (three cameras on one Dahua recorder running 3 min 12 s
 * fast; masters, working copies, stills and the clip notes), a producer with a name outside ASCII, and a variant with
 * many exhibits for page breaks.
 */
import { createHash } from 'node:crypto';
import type { BundleManifest, ManifestExhibit } from '../../../src-shared/domain/bundle';
import type { Jurisdiction, Officer } from '../../../src-shared/domain/receipt';
import type { ReceiptPdfInput, StatementPdfInput } from './paper-types';

const sha = (seed: string) => createHash('sha256').update(seed).digest('hex');
const ZONE = 'Europe/London';
const OFFSET_S = 192;
const FFMPEG = '/usr/bin/ffmpeg';
const FFMPEG_VERSION = '6.1.1-3ubuntu5';

/** "2026-07-03T14:05:02" as the recorder's clock showed a true instant (BST, clock 192 s fast). */
function recorderWall(ms: number): string {
  return new Date(ms + OFFSET_S * 1000 + 3600_000).toISOString().slice(0, 19);
}

const at = (hhmmss: string) => Date.parse(`2026-07-03T${hhmmss}Z`);

function exhibit(options: {
  number: number | string;
  kind: ManifestExhibit['kind'];
  camera: string | null;
  file: string;
  size: number;
  startMs?: number;
  endMs?: number;
  method: ManifestExhibit['method'];
  description: string;
  processing?: ManifestExhibit['processing'];
  part?: ManifestExhibit['part'];
}): ManifestExhibit {
  const id = `ZLO/${options.number}`;
  const hash = sha(`${id} ${options.file}`);
  const timed = options.startMs !== undefined && options.endMs !== undefined;
  return {
    id,
    fileRef: id.replace(/\//g, '_'),
    kind: options.kind,
    description: options.description,
    file: options.file,
    size: options.size,
    sha256: hash,
    camera: options.camera,
    recorderTime: timed ? { start: recorderWall(options.startMs!), end: recorderWall(options.endMs!), timeZone: ZONE } : null,
    trueTime: timed ? { start: new Date(options.startMs!).toISOString(), end: new Date(options.endMs!).toISOString() } : null,
    derivedFrom: [],
    sourceSha256: options.kind === 'master' ? hash : null,
    method: options.method,
    processing: options.processing ?? [],
    part: options.part ?? null,
    status: 'ok',
    note: '',
  };
}

function encodeSteps(input: string, output: string, ss: string): ManifestExhibit['processing'] {
  const commandLine = `${FFMPEG} -hide_banner -nostdin -y -ss ${ss} -i "/media/shop/NVR/ch01/${input}" -t 00:01:30.000 -map 0:v:0 -vf "yadif=mode=0,pad=iw:ih+48:0:0:black,drawtext=fontfile=DejaVuSansMono.ttf:text='%{pts\\:localtime\\:1783083110}':x=8:y=h-40" -c:v libx264 -preset medium -crf 18 -pix_fmt yuv420p -movflags +faststart "${output}"`;
  const step = (description: string) => ({ description, tool: 'ffmpeg', toolVersion: FFMPEG_VERSION, commandLine, parameters: { crf: 18 } });
  return [
    step('Re-encoded the clip as H.264 video in an MP4 file (libx264, quality 18), because the camera records in HEVC, which not every police PC plays.'),
    step('Deinterlaced (ffmpeg yadif, one frame per frame), to remove the comb lines of interlaced cameras. Done in the same ffmpeg run as the re-encode.'),
    step('Burnt in a caption in a black band added under the picture (no recorded pixel is covered): case reference, camera, and the true time of each frame in the recorder’s time zone. Done in the same ffmpeg run as the re-encode.'),
  ];
}

function stillStep(input: string, output: string, ss: string): ManifestExhibit['processing'] {
  return [
    {
      description: 'Saved one frame, at the recording’s own resolution, as a PNG picture (lossless).',
      tool: 'ffmpeg',
      toolVersion: FFMPEG_VERSION,
      commandLine: `${FFMPEG} -hide_banner -nostdin -y -ss ${ss} -i "/media/shop/NVR/ch01/${input}" -frames:v 1 -update 1 "${output}"`,
      parameters: {},
    },
  ];
}

const CAMERAS = ['Till', 'Front door', 'Stock room'] as const;

function baseManifest(exhibits: ManifestExhibit[]): BundleManifest {
  return {
    schemaVersion: 1,
    bundleName: 'HANDOVER_44-12345-26_20260703-1510',
    createdAt: '2026-07-03T14:10:00.000Z',
    software: { name: 'Handover', version: '0.1.0' },
    case: { reference: '44/12345/26', title: 'Shoplifting at the till', incidentType: 'theft', location: '12 High Street, Leeds LS1 4AB', incidentWindow: { start: '2026-07-03T13:01:50.000Z', end: '2026-07-03T13:03:20.000Z' } },
    producer: {
      organisation: 'Zoë’s Corner Shop Ltd',
      person: "Zoë Łukasz-O'Brien",
      contact: '0113 496 0000',
      initials: 'ZLO',
      certificateFingerprintSha256: sha('certificate').toUpperCase().match(/../g)!.join(':'),
      certificateSubject: "CN=Zoë’s Corner Shop Ltd, O=Zoë’s Corner Shop Ltd, OU=Zoë Łukasz-O'Brien",
    },
    recorders: [
      {
        label: 'NVR footage (USB export)',
        makeModel: 'Dahua NVR4108HS-4KS2',
        timeZone: ZONE,
        clockOffsetS: OFFSET_S,
        clockCheck: 'measured',
        clockNote: null,
        clockDescription: "The recorder's clock is 3 min 12 s fast.",
        cameras: [...CAMERAS],
      },
    ],
    exhibits,
    custodyLog: { file: 'custody-log.jsonl', entries: 14, lastHash: sha('custody') },
  };
}

/** Nine exhibits: a master per camera, a working copy per camera, two stills and the clip notes. */
export function sampleManifest(): BundleManifest {
  const exhibits: ManifestExhibit[] = [];
  CAMERAS.forEach((camera, index) => {
    const channel = `ch0${index + 1}`;
    exhibits.push(
      exhibit({ number: index + 1, kind: 'master', camera, file: `masters/${camera}/ZLO_${index + 1}_${channel}_20260703140000.dav`, size: 734_003_200 + index * 1_048_573, startMs: at('12:56:48'), endMs: at('13:11:48'), method: 'copy', description: `Original recording from ${camera}, copied byte for byte` }),
    );
  });
  CAMERAS.forEach((camera, index) => {
    const n = index + 4;
    const file = `working-copies/ZLO_${n}_0${index + 1}-${camera.replace(/ /g, '-')}-140150.mp4`;
    exhibits.push(
      exhibit({ number: n, kind: 'working', camera, file, size: 48_211_337 + index * 7919, startMs: at('13:01:50'), endMs: at('13:03:20'), method: 'reencode', description: `Working copy (MP4, H.264) of a clip from ${camera}`, processing: encodeSteps(`20260703140000.dav`, file, '00:05:02.000') }),
    );
  });
  exhibits.push(
    exhibit({ number: 7, kind: 'still', camera: 'Till', file: 'stills/ZLO_7_01-Till-140212.png', size: 2_874_113, startMs: at('13:02:12'), endMs: at('13:02:12'), method: 'reencode', description: 'Still picture from Till', processing: stillStep('20260703140000.dav', 'stills/ZLO_7_01-Till-140212.png', '00:05:24.000') }),
    exhibit({ number: 8, kind: 'still', camera: 'Front door', file: 'stills/ZLO_8_02-Front-door-140301.png', size: 3_102_004, startMs: at('13:03:01'), endMs: at('13:03:01'), method: 'reencode', description: 'Still picture from Front door', processing: stillStep('20260703140000.dav', 'stills/ZLO_8_02-Front-door-140301.png', '00:06:13.000') }),
    exhibit({ number: 9, kind: 'document', camera: null, file: 'documents/ZLO_9_clips-and-notes.txt', size: 1_284, method: 'generated', description: 'The clips, marked moments and notes from the review' }),
  );
  return baseManifest(exhibits);
}

/** `count` exhibits (at least 4): rolling 5-minute masters, then a working copy split in two parts, then the notes. */
export function manyExhibitsManifest(count = 30): BundleManifest {
  const exhibits: ManifestExhibit[] = [];
  const masters = count - 3;
  for (let index = 0; index < masters; index += 1) {
    const camera = CAMERAS[index % CAMERAS.length]!;
    const start = at('12:00:00') + Math.floor(index / CAMERAS.length) * 300_000;
    const hhmmss = new Date(start + 3600_000).toISOString().slice(11, 19).replace(/:/g, '');
    exhibits.push(
      exhibit({ number: index + 1, kind: 'master', camera, file: `masters/${camera}/ZLO_${index + 1}_ch0${(index % 3) + 1}_20260703${hhmmss}.dav`, size: 245_366_784 + index * 4099, startMs: start, endMs: start + 300_000, method: 'copy', description: `Original recording from ${camera}, copied byte for byte` }),
    );
  }
  const n = masters + 1;
  for (const index of [1, 2]) {
    const file = `working-copies/ZLO_${n}_01-Till-130000.mp4.00${index}`;
    exhibits.push(
      exhibit({ number: `${n}/${index}`, kind: 'working', camera: 'Till', file, size: 4_294_967_000 - index * 1000, startMs: at(index === 1 ? '12:00:00' : '12:40:00'), endMs: at(index === 1 ? '12:40:00' : '13:20:00'), method: 'reencode', description: 'Working copy (MP4, H.264) of a clip from Till', processing: encodeSteps('20260703130000.dav', file, '00:00:00.000'), part: { index, count: 2, of: `ZLO/${n}` } }),
    );
  }
  exhibits.push(exhibit({ number: n + 1, kind: 'document', camera: null, file: `documents/ZLO_${n + 1}_clips-and-notes.txt`, size: 2_048, method: 'generated', description: 'The clips, marked moments and notes from the review' }));
  return baseManifest(exhibits);
}

export const SAMPLE_OFFICER: Officer = { name: 'Priya Ramanathan', rank: 'Detective Constable', badgeNumber: '4471', force: 'West Yorkshire Police', station: 'Leeds Central' };

export const SAMPLE_STICK = { label: 'EVIDENCE', model: 'Kingston DataTraveler Exodia', serial: 'E0D55E6CF4B1F6A1B9C3', sizeBytes: 31_004_295_168, filesystem: 'exFAT' };

function common(manifest: BundleManifest) {
  return {
    manifest,
    bundleName: manifest.bundleName,
    zip: { name: 'evidence.zip', bytes: 2_371_893_455, sha256: sha('evidence.zip') },
    generatedAt: new Date('2026-07-03T14:20:00.000Z'),
    timeZone: ZONE,
    appVersion: '0.1.0',
  };
}

export function sampleReceiptInput(options: { manifest?: BundleManifest; blank?: boolean } = {}): ReceiptPdfInput {
  const blank = options.blank ?? false;
  return {
    ...common(options.manifest ?? sampleManifest()),
    stick: blank ? null : SAMPLE_STICK,
    handedOverAt: blank ? null : new Date('2026-07-03T15:05:00.000Z'),
    copyKept: blank ? null : true,
    officer: blank ? null : SAMPLE_OFFICER,
  };
}

export function sampleStatementInput(jurisdiction: Jurisdiction, options: { manifest?: BundleManifest } = {}): StatementPdfInput {
  return {
    ...common(options.manifest ?? sampleManifest()),
    details: {
      jurisdiction,
      role: 'Store manager',
      systemMakeModel: null,
      systemSerial: 'NVR-7H0A2B3C4D5E',
      clockCheckNote: 'I compared the time on the recorder’s screen with the speaking clock (dialling 123) at 15:02 on 3 July 2026.',
    },
  };
}
