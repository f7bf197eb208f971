import { describe, expect, it } from 'vitest';
import type { ExportOutput } from '../../../src-shared/domain/export';
import {
  DEFAULT_EXPORT_FORM,
  NEUTRAL_ENHANCEMENT,
  describeOutputs,
  estimateKey,
  exportRunState,
  fileName,
  formatRoughSize,
  formatRoughTime,
  isNeutralEnhancement,
  newestFirst,
  outputKindText,
  summariseOutputs,
  toExportOptions,
} from './export-format';

function output(overrides: Partial<ExportOutput> = {}): ExportOutput {
  return {
    kind: 'master',
    path: 'masters/Till/14.00.00-14.05.00[R][0@0][0].dav',
    size: 120_000_000,
    sha256: 'a'.repeat(64),
    sourceSha256: 'a'.repeat(64),
    derivedFrom: ['Till/14.00.00-14.05.00[R][0@0][0].dav'],
    cameraLabel: 'Till',
    clipId: null,
    startMs: null,
    endMs: null,
    part: null,
    method: 'copy',
    processing: [],
    status: 'ok',
    note: '',
    ...overrides,
  };
}

describe('the form\u2019s options', () => {
  it('sends no enhancement unless it is asked for and changes something', () => {
    expect(toExportOptions(DEFAULT_EXPORT_FORM)).toEqual({ preset: 'original', masters: 'original-files', caption: false, enhancement: null });
    expect(toExportOptions({ ...DEFAULT_EXPORT_FORM, enhance: true }).enhancement).toBeNull();
    const brighter = { ...NEUTRAL_ENHANCEMENT, brightness: 0.2 };
    expect(toExportOptions({ ...DEFAULT_EXPORT_FORM, enhance: true, enhancement: brighter }).enhancement).toEqual(brighter);
    // Switched off again: the sliders are kept in the form but not sent.
    expect(toExportOptions({ ...DEFAULT_EXPORT_FORM, enhance: false, enhancement: brighter }).enhancement).toBeNull();
    expect(isNeutralEnhancement({ ...NEUTRAL_ENHANCEMENT, deinterlace: true })).toBe(false);
  });

  it('keys the estimates on everything but the preset', () => {
    const original = toExportOptions(DEFAULT_EXPORT_FORM);
    expect(estimateKey({ ...original, preset: 'small' })).toBe(estimateKey(original));
    expect(estimateKey({ ...original, caption: true })).not.toBe(estimateKey(original));
  });
});

describe('sizes and times in words', () => {
  it('rounds the time the way a person would say it', () => {
    expect(formatRoughTime(10)).toBe('under a minute');
    expect(formatRoughTime(60)).toBe('about 1 minute');
    expect(formatRoughTime(250)).toBe('about 4 minutes');
    expect(formatRoughTime(3600)).toBe('about 1 hour');
    expect(formatRoughTime(4800)).toBe('about 1 hour 20 minutes');
    expect(formatRoughTime(2 * 3600 + 58 * 60)).toBe('about 3 hours');
  });

  it('says when a size is not known', () => {
    expect(formatRoughSize(340_000_000)).toBe('about 340 MB');
    expect(formatRoughSize(null)).toBe('size not known yet');
  });
});

describe('the results', () => {
  it('counts each kind once, a split file as one, and adds up every byte', () => {
    const outputs = [
      output(),
      output({ kind: 'working', path: 'working/Till.mp4', size: 4_000_000_000, method: 'remux', part: { index: 1, count: 2 } }),
      output({ kind: 'working', path: 'working/Till.part2.mp4', size: 1_000_000_000, method: 'remux', part: { index: 2, count: 2 } }),
      output({ kind: 'still', path: 'stills/1.png', size: 2_000_000, method: 'copy', status: 'incomplete' }),
    ];
    expect(summariseOutputs(outputs)).toEqual({ counts: { master: 1, working: 1, still: 1 }, totalBytes: 5_122_000_000, incomplete: 1 });
    expect(describeOutputs(outputs)).toBe('1 original recording, 1 working copy and 1 still picture: 5.1 GB in all.');
    expect(describeOutputs([output(), output({ path: 'b' })])).toBe('2 original recordings, 0 working copies and 0 still pictures: 240 MB in all.');
  });

  it('names each kind of file plainly, and says when a master is not byte-identical', () => {
    expect(outputKindText(output())).toBe('Original recording (exact copy)');
    expect(outputKindText(output({ method: 'remux' }))).toBe('Original recording, trimmed (not byte-identical)');
    expect(outputKindText(output({ kind: 'working', method: 'reencode', part: { index: 2, count: 3 } }))).toBe('Working copy (plays on any computer), part 2 of 3');
    expect(fileName('masters/Till/14.00.00-14.05.00[R][0@0][0].dav')).toBe('14.00.00-14.05.00[R][0@0][0].dav');
    expect(fileName('README.txt')).toBe('README.txt');
  });

  it('puts the newest export first', () => {
    const list = [{ createdAt: '2026-03-14T10:00:00Z', id: 'a' }, { createdAt: '2026-03-14T12:00:00Z', id: 'b' }];
    expect(newestFirst(list).map((item) => item.id)).toEqual(['b', 'a']);
  });
});

describe('where the export is', () => {
  it('follows the job while it is known, else the stored export, else it is just starting', () => {
    expect(exportRunState({ current: false, job: null, summary: null })).toBeNull();
    expect(exportRunState({ current: true, job: null, summary: null })).toBe('starting');
    expect(exportRunState({ current: true, job: null, summary: { state: 'running' } })).toBe('starting');
    expect(exportRunState({ current: true, job: null, summary: { state: 'failed' } })).toBe('failed');
    expect(exportRunState({ current: true, job: { state: 'finalizing' }, summary: { state: 'running' } })).toBe('running');
    expect(exportRunState({ current: true, job: { state: 'cancelled' }, summary: { state: 'running' } })).toBe('cancelled');
    expect(exportRunState({ current: true, job: { state: 'succeeded' }, summary: null })).toBe('succeeded');
  });
});
