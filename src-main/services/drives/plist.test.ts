import { describe, expect, it } from 'vitest';
import { fixture } from './recorded.fixture';
import { parsePlist, plistArray, plistDict } from './plist';

describe('parsePlist', () => {
  it('reads every value type diskutil and other Apple tools print', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Name</key>
	<string>Tom &amp; Jerry&apos;s &lt;stick&gt; &#233;&#x20AC;</string>
	<key>Empty</key>
	<string></string>
	<key>EmptyShort</key>
	<string/>
	<key>Size</key>
	<integer>15502147584</integer>
	<key>Ratio</key>
	<real>0.5</real>
	<key>Yes</key>
	<true/>
	<key>No</key>
	<false/>
	<key>When</key>
	<date>2026-03-14T14:00:00Z</date>
	<key>Blob</key>
	<data>
	aGVsbG8=
	</data>
	<key>List</key>
	<array>
		<string>a</string>
		<dict/>
		<array/>
	</array>
	<key>Nested</key>
	<dict>
		<key>Inner</key>
		<integer>-3</integer>
	</dict>
</dict>
</plist>`;
    const value = plistDict(parsePlist(xml))!;
    expect(value.Name).toBe("Tom & Jerry's <stick> é€");
    expect(value.Empty).toBe('');
    expect(value.EmptyShort).toBe('');
    expect(value.Size).toBe(15502147584);
    expect(value.Ratio).toBe(0.5);
    expect(value.Yes).toBe(true);
    expect(value.No).toBe(false);
    expect((value.When as Date).toISOString()).toBe('2026-03-14T14:00:00.000Z');
    expect(Buffer.from(value.Blob as Uint8Array).toString()).toBe('hello');
    expect(value.List).toEqual(['a', {}, []]);
    expect(value.Nested).toEqual({ Inner: -3 });
  });

  it('reads the recorded diskutil list', () => {
    const root = plistDict(parsePlist(fixture('diskutil-list-external-physical.plist')))!;
    expect(root.WholeDisks).toEqual(['disk4', 'disk6']);
    expect(plistArray(root.AllDisksAndPartitions)).toHaveLength(2);
  });

  it('refuses a broken document rather than guess', () => {
    expect(() => parsePlist('<plist><dict><key>A</key><string>x</dict></plist>')).toThrow();
    expect(() => parsePlist('<plist><dict><key>A</key>')).toThrow();
    expect(() => parsePlist('<plist><dict><string>no key</string></dict></plist>')).toThrow();
  });
});
