import { describe, expect, it } from 'vitest';
import { HAND_OVER_WARNING, passwordSlipText } from './password-slip';

const WARNING =
  'Give this to the police separately from the USB stick — by phone or in person. Never write it on the stick or its packaging.';

describe('passwordSlipText', () => {
  it('lists a generated password one numbered word per line, with the bundle, case and warning', () => {
    const password = 'walnut-geranium-lobster-quarry-zoology-yodel-wrath-tinfoil';
    const text = passwordSlipText({
      password,
      bundleName: 'Front door 14 March',
      caseReference: 'CR/2026/0412',
      organisation: "Patel's Corner Shop",
    });
    expect(HAND_OVER_WARNING).toBe(WARNING);
    expect(text).toContain('Bundle: Front door 14 March\n');
    expect(text).toContain('Case reference: CR/2026/0412\n');
    expect(text).toContain("From: Patel's Corner Shop\n");
    expect(text).toContain('  1. walnut\n  2. geranium\n  3. lobster\n');
    expect(text).toContain('  8. tinfoil\n');
    expect(text).toContain(`  ${password}\n`);
    expect(text.trimEnd().endsWith(WARNING)).toBe(true);
  });

  it('shows a self-chosen password exactly and in numbered groups, naming spaces', () => {
    const text = passwordSlipText({
      password: 'Blue Kettle 42 rain',
      bundleName: 'Till camera',
      caseReference: null,
      organisation: 'Corner Shop',
    });
    expect(text).toContain('Case reference: none given\n');
    expect(text).toContain('  Blue Kettle 42 rain\n');
    expect(text).toContain('  1. Blue\n  2. [space]Ket\n  3. tle[space]\n  4. 42[space]r\n  5. ain\n');
    expect(text).toContain(WARNING);
  });

  it('keeps names typed with line breaks on one line', () => {
    const text = passwordSlipText({
      password: 'walnut-geranium',
      bundleName: 'Front\ndoor',
      caseReference: '  ',
      organisation: 'Corner\r\nShop',
    });
    expect(text).toContain('Bundle: Front door\n');
    expect(text).toContain('From: Corner Shop\n');
    expect(text).toContain('Case reference: none given\n');
  });
});
