import { describe, expect, it } from 'vitest';
import { buildEncoderTestArgs, parseEncoderList } from './export-encoders';
import { buildSplitArgs, estimateSegmentSeconds, segmentFile, segmentPattern } from './export-split';

describe('split arguments', () => {
  it('copies every stream into MP4 parts cut at keyframes, each starting at 0 with its index first', () => {
    const pattern = segmentPattern({ base: '/usb/Case 100%/Till', label: 'part' });
    expect(pattern).toBe('/usb/Case 100%%/Till.part%d.mp4');
    expect(segmentFile({ base: '/usb/Case 100%/Till', label: 'part', n: 2 })).toBe('/usb/Case 100%/Till.part2.mp4');
    const args = buildSplitArgs({ inFile: '/usb/Till.mp4', segmentS: 1234.5, pattern, startNumber: 1 });
    expect(args.join(' ')).toContain('-i /usb/Till.mp4 -map 0 -c copy -avoid_negative_ts disabled -f segment -segment_time 1234.500000 -segment_format mp4');
    expect(args.join(' ')).toContain('-segment_format_options movflags=+faststart -reset_timestamps 1 -segment_start_number 1');
    expect(args.at(-1)).toBe(pattern);
    expect(() => buildSplitArgs({ inFile: 'a', segmentS: 0, pattern, startNumber: 1 })).toThrow(RangeError);
  });

  it('aims parts below the limit by the average bitrate, with a safety margin', () => {
    expect(estimateSegmentSeconds({ sizeBytes: 1_000_000, durationS: 100, maxBytes: 300_000 })).toBeCloseTo(25.5, 6);
  });
});

describe('encoder detection arguments', () => {
  it('reads encoder names from `ffmpeg -encoders`, skipping the legend', () => {
    const names = parseEncoderList(' V..... = Video\n A..... = Audio\n ------\n V....D libx264   libx264 H.264\n V....D h264_nvenc  NVIDIA NVENC\n A..... aac   AAC\n');
    expect([...names]).toEqual(['libx264', 'h264_nvenc', 'aac']);
  });

  it('test-encodes one small frame with the settings a working copy would use, to nowhere', () => {
    expect(buildEncoderTestArgs('h264_amf').join(' ')).toBe(
      '-hide_banner -nostdin -loglevel error -f lavfi -i color=size=256x256:duration=0.1 -frames:v 1 -c:v h264_amf -quality balanced -rc cqp -qp_i 23 -qp_p 23 -qp_b 23 -profile:v high -pix_fmt yuv420p -f null -',
    );
  });
});
