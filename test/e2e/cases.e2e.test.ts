import { afterEach, describe, expect, it } from 'vitest';
import { openE2eSession, type E2eSession } from './browser';

let session: E2eSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

describe('cases through the real UI', () => {
  it('creates a case, survives a reload, and tracks the checklist', async () => {
    session = await openE2eSession();
    const { page, app } = session;
    await page.goto(app.bridge.openUrl);
    // The token is taken out of the address bar once read.
    await page.waitForFunction(() => !window.location.hash.includes('token='));
    await page.getByText('You have no cases yet.').waitFor();

    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('What happened, in a few words').fill('Theft at till 2');
    await page.getByLabel('What kind of incident was it?').selectOption('theft');
    await page.getByLabel('Police crime reference').fill('44/12345/26');
    await page.getByRole('button', { name: 'Create case' }).click();

    await page.getByTestId('case-title').filter({ hasText: 'Theft at till 2' }).waitFor();
    const steps = page.getByRole('navigation', { name: 'Handover steps' }).getByRole('button');
    const stepNames = ['Review footage', 'Export', 'Legal basis', 'Notify police', 'Write USB', 'Confirm receipt', 'Back up', 'Review outcome'];
    expect((await steps.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(
      stepNames.map((name, index) => `○ ${index + 1} ${name} , Not started`),
    );
    await page.getByRole('button', { name: 'Mark as done' }).click();
    await page.getByTestId('steps-done').filter({ hasText: '1 of 8 done' }).waitFor();

    await page.reload();
    await page.getByTestId('case-title').filter({ hasText: 'Theft at till 2' }).waitFor();
    expect(await page.getByTestId('step-state').innerText()).toBe('Done');

    await page.getByRole('link', { name: 'Cases' }).click();
    await page.reload();
    const row = page.getByRole('list', { name: 'Cases' }).getByRole('button');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().innerText()).toContain('Crime ref 44/12345/26');
    expect(await row.first().innerText()).toContain('1 of 8 done');

    // What the UI showed is what SQLite holds.
    const stored = app.core.services.cases.list();
    expect(stored).toMatchObject([{ title: 'Theft at till 2', reference: '44/12345/26', incidentType: 'theft', stepsDone: 1 }]);
    expect(app.core.services.custody.verify()).toMatchObject({ ok: true, entries: 2 });
    expect(session.pageErrors).toEqual([]);
  });

  it('shows a plain error for a bad entry and keeps what was typed', async () => {
    session = await openE2eSession();
    const { page, app } = session;
    await page.goto(app.bridge.openUrl);
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('What happened, in a few words').fill('Fight outside');
    await page.getByLabel('Police crime reference').fill('44/123<script>');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByRole('alert').filter({ hasText: 'The crime reference can use letters, numbers' }).waitFor();
    expect(await page.getByLabel('What happened, in a few words').inputValue()).toBe('Fight outside');
    expect(app.core.services.cases.list()).toEqual([]);
  });

  it('runs the computer check as a job with a progress bar', async () => {
    session = await openE2eSession();
    const { page, app } = session;
    await page.goto(app.bridge.openUrl);
    await page.getByRole('link', { name: 'Check this computer' }).click();
    await page.getByTestId('doctor-summary').filter({ hasText: 'Everything Handover needs is here.' }).waitFor();
    await page.getByRole('button', { name: 'Run the test' }).click();
    await page.getByTestId('media-check-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('media-check-result').innerText()).toMatch(/640×360 video, 4\.0 seconds long/);
    expect(session.pageErrors).toEqual([]);
  });
});
