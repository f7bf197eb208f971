import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatCommandLine, quoteShellArg } from './command-line';

describe('formatCommandLine', () => {
  it('leaves plain arguments bare and quotes the rest', () => {
    expect(formatCommandLine('/usr/bin/ffmpeg', ['-i', 'in put.mp4', '-vf', "drawtext=text='14:02'", ''])).toBe(
      `/usr/bin/ffmpeg -i 'in put.mp4' -vf 'drawtext=text='\\''14:02'\\''' ''`,
    );
  });

  it('round-trips through a real shell', () => {
    const args = ['a b', "it's", '$HOME', 'back\\slash', 'tab\there', 'naïve', '*'];
    const printed = execFileSync('/bin/sh', ['-c', `printf '%s\\n' ${args.map(quoteShellArg).join(' ')}`], { encoding: 'utf8' });
    expect(printed.split('\n').slice(0, -1)).toEqual(args);
  });
});
