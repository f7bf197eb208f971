import { describe, expect, it } from 'vitest';
import { isInside } from './bundle-destinations';

describe('isInside', () => {
  it('finds the drive a folder is on, and not a drive whose name merely starts the same', () => {
    expect(isInside({ folder: '/media/shop/KINGSTON/evidence', mount: '/media/shop/KINGSTON', platform: 'linux' })).toBe(true);
    expect(isInside({ folder: '/media/shop/KINGSTON', mount: '/media/shop/KINGSTON', platform: 'linux' })).toBe(true);
    expect(isInside({ folder: '/media/shop/KINGSTON2', mount: '/media/shop/KINGSTON', platform: 'linux' })).toBe(false);
    expect(isInside({ folder: '/home/shop/Desktop', mount: '/', platform: 'linux' })).toBe(true);
  });

  it('reads Windows drive letters in either case', () => {
    expect(isInside({ folder: 'e:\\Evidence', mount: 'E:\\', platform: 'win32' })).toBe(true);
    expect(isInside({ folder: 'C:\\Users\\shop', mount: 'E:\\', platform: 'win32' })).toBe(false);
  });
});
