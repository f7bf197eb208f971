/**
 * Property tests: every parser survives arbitrary input and never reports an impossible time.
 * A seeded PRNG keeps every run identical, so a failure here reproduces exactly.
 */
import { describe, expect, it } from 'vitest';
import { addSecondsToLocal, isValidLocalDateTime, localToNaiveMs, type LocalDateTime } from '../../../../src-shared/domain/local-time';
import { LAYOUT_PARSERS, detectLayout, folderParser, genericLayout, isVideoFileName } from './index';
import { splitRelPath } from './path-parts';
import type { LayoutId, ParsedRecordingPath } from './types';
import { seededRandom as createRandom } from '../../../../test/helpers/seeded-random';


interface Picker {
  int(options: { min: number; max: number }): number;
  pick<T>(items: readonly T[]): T;
}

function createPicker(seed: number): Picker {
  const random = createRandom(seed);
  return {
    int: ({ min, max }) => min + Math.floor(random() * (max - min + 1)),
    pick(items) {
      const item = items[Math.floor(random() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

const VALID_NAMES = [
  '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav',
  '2026-03-14/002/dav/23/23.58.10-00.03.10[M][0@0][0].mp4',
  'AMC0123_ABCDEF/2026-03-14/001/14hour/mp4/14.00.00-14.05.00[A][0@0][0].mp4_',
  'NVR_ch2_main_20260314140000_20260314140500.dav',
  'XVR5108_ch12_sub_20260314235900_20260315000400_1.mp4',
  'd_PT402_ch012019112016124820191120161258_1.mp4',
  'ch01_20260314140000.mp4',
  'ch02_20260314140000_20260314140500.mp4',
  'Mp4Record/2026-03-14/RecM02_20260314_140000_140500_6D28808_1A2B3C.mp4',
  'card/Mp4Record/2026-07-01/RecS03_DST20260701_235800_000300_0_4E20.mp4',
  'ftp/2026/03/14/FrontDoor_00_20260314140000.mp4',
  'recordings/2026-03-14/14/front_door/05.10.mp4',
  'recordings/2021-10/23/10/garage/59.59.mp4',
  'Front Door/VID_0001.MKV',
];

const NOISE_CHARACTERS = [
  ...'0123456789012345678901234567890123456789',
  ...'//////____......----[[]]@ ',
  ...'abcdefghRMASDTmainsubchrecordingsMp4Recordhourdav',
  '\\', ':', '*', '\u0000', '\n', 'é', 'ü', '中', '文', '\u{1F4F9}', '\uD800', '\u200B', '٣',
];

const TOKENS = [
  '2026-03-14', '2026-02-31', '2026-13-01', '2026', '03', '14', '24', '99', '001', '000', '1000', 'dav', 'mp4', 'DAV',
  '14hour', '25hour', 'Mp4Record', 'recordings', '2021-10', '05.10', '60.60', '..', '.', '', ' ', 'ch01', 'ch1', 'CH001',
  'main', 'sub', 'DST', '20260314140000', '20261314140000', '20260314', '140000', '235959', '6D28808', 'RecM02', 'RecS03',
  '14.00.00-14.05.00[R][0@0][0]', '23.59.59-00.00.00[M]', '._x', 'Ström Café',
];
const TOKEN_JOINERS = ['/', '_', '.', '-', ''];
const EXTENSIONS = ['.mp4', '.dav', '.mp4_', '.MP4', '.mkv', '.txt', '.jpg', '', '.', '._'];

function randomNoise(picker: Picker): string {
  const length = picker.int({ min: 0, max: 80 });
  let text = '';
  for (let i = 0; i < length; i += 1) text += picker.pick(NOISE_CHARACTERS);
  return text;
}

function randomTokenPath(picker: Picker): string {
  const count = picker.int({ min: 1, max: 9 });
  let text = picker.pick(TOKENS);
  for (let i = 1; i < count; i += 1) text += picker.pick(TOKEN_JOINERS) + picker.pick(TOKENS);
  return text + picker.pick(EXTENSIONS);
}

/** Small edits to a real name: the inputs most likely to slip half-way through a pattern. */
function mutate(picker: Picker, name: string): string {
  let text = name;
  const edits = picker.int({ min: 1, max: 4 });
  for (let i = 0; i < edits; i += 1) {
    const at = picker.int({ min: 0, max: text.length });
    switch (picker.int({ min: 0, max: 5 })) {
      case 0:
        text = text.slice(0, at) + picker.pick(NOISE_CHARACTERS) + text.slice(at + 1);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + 1);
        break;
      case 2:
        text = text.slice(0, at) + picker.pick(NOISE_CHARACTERS) + text.slice(at);
        break;
      case 3:
        text = text.slice(0, at) + String(picker.int({ min: 0, max: 9 })) + text.slice(at + 1);
        break;
      case 4:
        text = text.slice(0, at);
        break;
      default:
        text = text.slice(0, at) + text.slice(at).toUpperCase();
    }
  }
  return text;
}

function generateInputs(): string[] {
  const picker = createPicker(0x5eed_2026);
  const inputs = ['', '/', '..', '.', '._', '._x.mp4', '\\\\server\\share\\clip.mp4', ...VALID_NAMES];
  for (let i = 0; i < 2_000; i += 1) inputs.push(randomNoise(picker));
  for (let i = 0; i < 2_000; i += 1) inputs.push(randomTokenPath(picker));
  for (let i = 0; i < 3_000; i += 1) inputs.push(mutate(picker, picker.pick(VALID_NAMES)));
  return inputs;
}

/** Returns what is wrong with a parse result, or null when it is sound. */
function findProblem(result: ParsedRecordingPath): string | null {
  if (result.start !== null && !isValidLocalDateTime(result.start)) return 'invalid start';
  if (result.end !== null && !isValidLocalDateTime(result.end)) return 'invalid end';
  if (result.end !== null && result.start === null) return 'end without start';
  if (result.start !== null && result.end !== null && localToNaiveMs(result.end) < localToNaiveMs(result.start)) return 'end before start';
  if (result.cameraKey === '' || result.cameraLabel === '') return 'empty camera';
  if (result.extension === '' || result.extension !== result.extension.toLowerCase() || result.extension.endsWith('_')) return 'bad extension';
  if (!result.warnings.every((warning) => typeof warning === 'string' && warning !== '')) return 'bad warning';
  return null;
}

describe('layout parsers under random input', () => {
  const inputs = generateInputs();

  it('generates a deterministic corpus of more than 5,000 inputs', () => {
    expect(inputs.length).toBeGreaterThan(5_000);
    expect(generateInputs()).toEqual(inputs);
  });

  it('never throw, and only return sound results', () => {
    const problems: string[] = [];
    const matchesByLayout = new Map<LayoutId, number>();
    for (const input of inputs) {
      for (const parser of LAYOUT_PARSERS) {
        let result: ParsedRecordingPath | null;
        try {
          result = parser.parse(input);
        } catch (error) {
          problems.push(`${parser.id} threw on ${JSON.stringify(input)}: ${String(error)}`);
          continue;
        }
        if (result === null) continue;
        matchesByLayout.set(parser.id, (matchesByLayout.get(parser.id) ?? 0) + 1);
        const problem = result.layout === parser.id ? findProblem(result) : 'wrong layout id';
        if (problem) problems.push(`${parser.id} on ${JSON.stringify(input)}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    // Every layout must still match some mutated names, or the test would only be exercising rejection.
    for (const parser of LAYOUT_PARSERS) expect(matchesByLayout.get(parser.id) ?? 0, parser.id).toBeGreaterThan(20);
  });

  it('lets the catch-all read every file a specific layout reads', () => {
    const missed = inputs.filter((input) => detectLayout(input) !== null && genericLayout.parse(input) === null);
    expect(missed).toEqual([]);
  });

  it('reads a file the same through the per-folder fast path as through detectLayout', () => {
    // The scanner sees clean paths from the walk: no empty, '.' or '..' segments, no hidden names.
    const clean = [...inputs, ...VALID_NAMES].filter((input) => {
      const segments = input.split('/');
      return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !segment.startsWith('.'));
    });
    expect(clean.length).toBeGreaterThan(1_000);
    const differing = clean.filter((input) => {
      const slash = input.lastIndexOf('/');
      const parsed = folderParser(slash < 0 ? '' : input.slice(0, slash))(input.slice(slash + 1));
      return JSON.stringify(parsed) !== JSON.stringify(detectLayout(input));
    });
    expect(differing).toEqual([]);
  });

  it('tells video files by extension exactly as detectLayout does', () => {
    const differing = [...inputs, ...VALID_NAMES].filter((input) => {
      const fileName = splitRelPath(input)?.fileName;
      if (fileName === undefined || input.length > 4096) return false;
      return isVideoFileName(fileName) !== (detectLayout(input) !== null);
    });
    expect(differing).toEqual([]);
  });

  it('returns quickly on huge, repetitive input', () => {
    const hostile = [
      `${'a_ch01_'.repeat(200_000)}.mp4`,
      `${'_'.repeat(4_000)}ch01${'0'.repeat(60)}.mp4`,
      `Mp4Record/2026-03-14/RecM02_20260314_140000_140500${'_A'.repeat(1_900)}!.mp4`,
      `${'x/'.repeat(2_000)}clip.mp4`,
    ];
    const started = Date.now();
    for (const input of hostile) for (const parser of LAYOUT_PARSERS) expect(() => parser.parse(input)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

const LAYOUTS_NAMING_THE_END = new Set<LayoutId>(['dahua-sd', 'dahua-usb', 'hikvision-usb', 'reolink-sd']);

describe('layout formatters under random input', () => {
  it('write names that their own parser and detectLayout read back with the same times', () => {
    const picker = createPicker(0xca11_ab1e);
    const nameCharacters = [...'abcXYZ _-./\\:é中\u{1F4F9}0123'];
    const problems: string[] = [];
    for (let i = 0; i < 500; i += 1) {
      const start: LocalDateTime = addSecondsToLocal(
        { year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
        picker.int({ min: 0, max: 5 * 365 * 86_400 }),
      );
      const end = addSecondsToLocal(start, picker.int({ min: 0, max: 7_200 }));
      let cameraName = '';
      for (let c = picker.int({ min: 0, max: 12 }); c > 0; c -= 1) cameraName += picker.pick(nameCharacters);
      const eventKind = picker.pick(['regular', 'motion', 'alarm'] as const);
      const input = { cameraIndex: picker.int({ min: 1, max: 64 }), cameraName, start, end, eventKind };

      for (const parser of LAYOUT_PARSERS) {
        const relPath = parser.format(input);
        const parsed = parser.parse(relPath);
        const detected = detectLayout(relPath);
        const label = `${parser.id}: ${JSON.stringify(relPath)}`;
        if (!parsed || detected?.layout !== parser.id) {
          problems.push(`${label} not read back (detected ${detected?.layout ?? 'nothing'})`);
          continue;
        }
        const expectedStart = parser.id === 'generic' ? null : localToNaiveMs(start);
        const expectedEnd = LAYOUTS_NAMING_THE_END.has(parser.id) ? localToNaiveMs(end) : null;
        if ((parsed.start && localToNaiveMs(parsed.start)) !== expectedStart) problems.push(`${label} start changed`);
        if ((parsed.end && localToNaiveMs(parsed.end)) !== expectedEnd) problems.push(`${label} end changed`);
      }
    }
    expect(problems).toEqual([]);
  });
});
