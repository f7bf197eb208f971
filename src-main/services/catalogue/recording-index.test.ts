import { describe, expect, it } from 'vitest';
import type { FileCheck } from './catalogue-store';
import { detectLayout } from './layouts';
import { seededRandom } from '../../../test/helpers/seeded-random';
import { buildSourceIndex, createSourceIndexBuilder, recordingFromName } from './recording-index';

const pad = (n: number) => String(n).padStart(2, '0');

function check(relPath: string, size: number): FileCheck {
  return { rel_path: relPath, size, mtime_ms: 1, partial: 0, probe_state: 'not_needed', probe_json: null, stat_error: null, reason: '' };
}

describe('buildSourceIndex', () => {
  it('gives the same rows through its fast Dahua path as the general one, across clock changes and odd names', () => {
    const names: string[] = [];
    for (let minutes = 0; minutes < 24 * 60; minutes += 7) {
      const from = `${pad(Math.floor(minutes / 60))}.${pad(minutes % 60)}.00`;
      const to = `${pad(Math.floor(((minutes + 5) % 1440) / 60))}.${pad((minutes + 5) % 60)}.00`;
      names.push(`${from}-${to}[${'RMAX'[minutes % 4]!}][0@0][0].${['dav', 'mp4', 'DAV', 'dav_'][minutes % 4]!}`);
    }
    names.push('01.30.00-01.30.00[R].dav', '01.00.00-01.05.00[R].txt', '.01.00.00-01.05.00[R].dav', '01.00.00-01.05.00[R]', '01.00.61-01.05.00[R].dav');
    const differing: string[] = [];
    for (const [timeZone, day] of [['Europe/London', '2026-10-25'], ['Europe/London', '2026-03-29'], ['America/New_York', '2026-11-01'], ['UTC', '2026-06-01']] as const) {
      for (const hour of ['00', '01', '02', '13', '23']) {
        const dir = `${day}/001/dav/${hour}`;
        for (const clockOffsetS of [0, 192.4]) {
          const source = { time_zone: timeZone, clock_offset_s: clockOffsetS };
          for (const checked of [false, true]) {
            const checks = new Map<string, FileCheck>(checked ? names.map((name, i): [string, FileCheck] => [`${dir}/${name}`, check(`${dir}/${name}`, i % 5)]) : []);
            const fast = buildSourceIndex({ source, dirs: [[dir, names]], checks }).rows();
            const general = names.flatMap((name) => {
              const relPath = `${dir}/${name}`;
              const parsed = detectLayout(relPath);
              return parsed ? [recordingFromName({ relPath, parsed, check: checks.get(relPath) ?? null, source })] : [];
            });
            if (JSON.stringify(fast) !== JSON.stringify(general)) differing.push(`${timeZone} ${dir} ${clockOffsetS} ${checked}`);
          }
        }
      }
    }
    expect(differing).toEqual([]);
  });

  it('lists what the checks could not stat as skipped, and counts what is left to check', () => {
    const dir = '2026-03-14/001/dav/14';
    const names = ['14.00.00-14.05.00[R][0@0][0].dav', '14.05.00-14.10.00[R][0@0][0].dav', '14.10.00-14.15.00[R][0@0][0].dav_'];
    const gone: FileCheck = { ...check(`${dir}/${names[0]!}`, 0), stat_error: 'Gone.' };
    const index = buildSourceIndex({ source: { time_zone: 'UTC', clock_offset_s: 0 }, dirs: [[dir, names]], checks: new Map([[gone.rel_path, gone]]) });
    expect(index.skips).toEqual([{ rel_path: gone.rel_path, reason: 'Gone.' }]);
    expect(index.rows().map((row) => [row.status, row.checked])).toEqual([['ok', false], ['partial', false]]);
    expect(index).toMatchObject({ unchecked: 2, problems: 1, pendingProbes: 0 });
  });

  it('agrees with the general parser on thousands of mutated Dahua names', () => {
    const random = seededRandom(20261127);
    const dir = '2026-03-14/001/dav/14';
    const alphabet = '0123456789.-[]@_RMAXrdavmp4 é';
    const names = new Set<string>();
    while (names.size < 3000) {
      const chars = [...'14.05.00-14.10.00[R][0@0][0].dav'];
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits -= 1) {
        const at = Math.floor(random() * chars.length);
        const char = alphabet[Math.floor(random() * alphabet.length)]!;
        const kind = random();
        if (kind < 0.4) chars[at] = char;
        else if (kind < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, char);
      }
      names.add(chars.join(''));
    }
    const sorted = [...names].sort();
    const source = { time_zone: 'Europe/London', clock_offset_s: 0 };
    const fast = buildSourceIndex({ source, dirs: [[dir, sorted]], checks: new Map() }).rows();
    const general = sorted.flatMap((name) => {
      const parsed = detectLayout(`${dir}/${name}`);
      return parsed ? [recordingFromName({ relPath: `${dir}/${name}`, parsed, check: null, source })] : [];
    });
    expect(fast).toEqual(general);
  });

  it('lists rows in folder path order whatever order the walk delivered the folders in', () => {
    const builder = createSourceIndexBuilder({ source: { time_zone: 'UTC', clock_offset_s: 0 }, checks: new Map() });
    builder.addDir('2026-03-14/002/dav/14', ['14.00.00-14.05.00[R][0@0][0].dav']);
    builder.addDir('2026-03-14/001/dav/15', ['15.00.00-15.05.00[M][0@0][0].dav']);
    builder.addDir('2026-03-14/001/dav/14', ['14.00.00-14.05.00[R][0@0][0].dav', '14.05.00-14.10.00[R][0@0][0].dav']);
    const index = builder.finish();
    expect(index.rows().map((row) => row.rel_path)).toEqual([
      '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav',
      '2026-03-14/001/dav/14/14.05.00-14.10.00[R][0@0][0].dav',
      '2026-03-14/001/dav/15/15.00.00-15.05.00[M][0@0][0].dav',
      '2026-03-14/002/dav/14/14.00.00-14.05.00[R][0@0][0].dav',
    ]);
    expect(index.uncheckedFiles().map((file) => file.relPath)[0]).toBe('2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav');
  });
});
