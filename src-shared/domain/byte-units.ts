/**
 * A byte count in powers of 1000, as drives are sold ("16 GB" on the packet): the value and its unit, or null under
 * 1 kB. The app's screens and its printed papers each round it their own way.
 */
export function decimalUnits(bytes: number): { value: number; unit: 'kB' | 'MB' | 'GB' | 'TB' } | null {
  if (bytes < 1000) return null;
  const units = ['kB', 'MB', 'GB', 'TB'] as const;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return { value, unit: units[unit]! };
}
