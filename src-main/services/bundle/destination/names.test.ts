import { describe, expect, it } from 'vitest';
import { bundleNameProblems, nameProblem } from './names';

describe('nameProblem', () => {
  it('accepts the names a bundle uses', () => {
    for (const name of ['HANDOVER_44-12345-26_20260314-1530', 'evidence.zip', 'evidence.zip.sha256', 'READ-ME-FIRST.txt', 'OPEN-EVIDENCE.html', 'Café résumé.txt', ' leading space']) {
      expect(nameProblem({ name })).toBeNull();
    }
  });

  it('refuses characters Windows and FAT refuse, control characters included', () => {
    for (const bad of ['<', '>', ':', '"', '/', '\\', '|', '?', '*']) expect(nameProblem({ name: `a${bad}b` })).toContain(`the character ${bad}`);
    expect(nameProblem({ name: 'a\u0001b' })).toContain('an invisible control character');
    expect(nameProblem({ name: 'tab\there' })).toContain('"tab?here"');
  });

  it('refuses a trailing dot or space, empty names and the dot folders', () => {
    expect(nameProblem({ name: 'evidence.' })).toContain('ends with a dot or a space');
    expect(nameProblem({ name: 'evidence ' })).toContain('ends with a dot or a space');
    for (const name of ['', '.', '..']) expect(nameProblem({ name })).toContain('not a usable name');
  });

  it('refuses the device names Windows keeps, in any case and with any extension', () => {
    for (const name of ['CON', 'con', 'PRN.txt', 'aux.zip', 'NUL', 'nul .txt', 'COM1', 'com9.log', 'LPT1', 'LPT0', 'COM¹', 'CONIN$']) {
      expect(nameProblem({ name })).toContain('Windows keeps for devices');
    }
    for (const name of ['CONSOLE', 'COM10', 'LPT', 'NULL.txt', 'icon.png']) expect(nameProblem({ name })).toBeNull();
  });

  it('counts length in UTF-16 units, with room for the suffixes used while writing', () => {
    expect(nameProblem({ name: 'a'.repeat(255) })).toBeNull();
    expect(nameProblem({ name: 'a'.repeat(256) })).toContain('too long');
    expect(nameProblem({ name: 'a'.repeat(250), extraChars: 9 })).toContain('too long');
    // One emoji is two UTF-16 units.
    expect(nameProblem({ name: '😀'.repeat(127) })).toBeNull();
    expect(nameProblem({ name: '😀'.repeat(128) })).toContain('too long');
  });
});

describe('bundleNameProblems', () => {
  it('is empty for a real bundle', () => {
    expect(bundleNameProblems({ bundleName: 'HANDOVER_NO-REF_20260314-1530', files: ['evidence.zip', 'evidence.zip.sha256', 'READ-ME-FIRST.txt', 'OPEN-EVIDENCE.html'] })).toEqual([]);
  });

  it('checks every part of a path, and the folder name', () => {
    const problems = bundleNameProblems({ bundleName: 'AUX', files: ['docs/notes?.txt', 'bad./x.txt', 'ok/fine.txt'] });
    expect(problems).toHaveLength(3);
    expect(problems.join(' ')).toContain('"AUX"');
    expect(problems.join(' ')).toContain('notes?.txt');
    expect(problems.join(' ')).toContain('"bad."');
  });

  it('finds names that differ only in case or Unicode form', () => {
    expect(bundleNameProblems({ bundleName: 'B', files: ['Evidence.zip', 'evidence.ZIP'] })).toEqual(['"Evidence.zip" and "evidence.ZIP" count as the same name on a USB stick.']);
    expect(bundleNameProblems({ bundleName: 'B', files: ['caf\u00e9.txt', 'cafe\u0301.txt'] })).toHaveLength(1);
  });
});
