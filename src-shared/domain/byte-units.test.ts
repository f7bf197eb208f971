import { describe, expect, it } from 'vitest';
import { decimalUnits } from './byte-units';

describe('decimalUnits', () => {
  it('scales by 1000 up to TB, and says nothing under 1 kB', () => {
    expect(decimalUnits(999)).toBeNull();
    expect(decimalUnits(1000)).toEqual({ value: 1, unit: 'kB' });
    expect(decimalUnits(15_502_147_584)).toEqual({ value: expect.closeTo(15.502147584, 9) as number, unit: 'GB' });
    expect(decimalUnits(999_999)).toEqual({ value: expect.closeTo(999.999, 9) as number, unit: 'kB' });
    expect(decimalUnits(2e15)).toEqual({ value: 2000, unit: 'TB' });
  });
});
