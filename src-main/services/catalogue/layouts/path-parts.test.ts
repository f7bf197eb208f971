import { describe, expect, it } from 'vitest';
import { MAX_REL_PATH_LENGTH, channelCamera, splitFileName, splitRelPath, takeTrailingFolders, toPathSegment } from './path-parts';

describe('splitRelPath', () => {
  it('separates folders from the file name and ignores ./ and doubled separators', () => {
    expect(splitRelPath('./a//b/c.mp4')).toEqual({ folders: ['a', 'b'], fileName: 'c.mp4' });
    expect(splitRelPath('c.mp4')).toEqual({ folders: [], fileName: 'c.mp4' });
  });

  it.each([
    ['empty', ''],
    ['a folder', 'a/b/'],
    ['climbing out', 'a/../b.mp4'],
    ['hidden', 'a/.b.mp4'],
    ['a resource fork', 'a/._b.mp4'],
    ['over-long', `${'a/'.repeat(MAX_REL_PATH_LENGTH)}b.mp4`],
  ])('refuses %s paths', (_reason, relPath) => {
    expect(splitRelPath(relPath)).toBeNull();
  });
});

describe('splitFileName', () => {
  it('lower-cases the extension and strips the partial-file underscore', () => {
    expect(splitFileName('Clip.Name.MP4_')).toEqual({ stem: 'Clip.Name', extension: 'mp4', partial: true });
    expect(splitFileName('clip.dav')).toEqual({ stem: 'clip', extension: 'dav', partial: false });
  });

  it.each(['clip', 'clip.', '.mp4', 'clip._'])('finds no extension in %s', (fileName) => {
    expect(splitFileName(fileName)).toBeNull();
  });
});

describe('takeTrailingFolders', () => {
  it('splits off the last folders and keeps what is above them', () => {
    expect(takeTrailingFolders({ folders: ['root', 'a', 'b'], count: 2 })).toEqual({ above: ['root'], trailing: ['a', 'b'] });
    expect(takeTrailingFolders({ folders: ['a'], count: 2 })).toBeNull();
  });
});

describe('toPathSegment', () => {
  it('makes a name safe as a single folder or file-name part', () => {
    expect(toPathSegment({ name: ' ..Back/Yard: 2. ', fallback: 'x' })).toBe('Back-Yard- 2');
    expect(toPathSegment({ name: ' . ', fallback: 'Camera 3' })).toBe('Camera 3');
  });
});

describe('channelCamera', () => {
  it('scopes the channel by the recorder when the path names one', () => {
    expect(channelCamera({ channel: 1, recorderScope: [] })).toEqual({ cameraKey: 'ch01', cameraLabel: 'Camera 1' });
    expect(channelCamera({ channel: 12, recorderScope: ['ftp', 'AMC01'] })).toEqual({
      cameraKey: 'ftp/AMC01/ch12',
      cameraLabel: 'Camera 12 (AMC01)',
    });
  });
});
