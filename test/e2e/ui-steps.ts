import type { Page } from 'playwright-core';

/** Creates a case through the case list's form and waits for its first step. */
export async function createCase(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel('What happened, in a few words').fill(title);
  await page.getByRole('button', { name: 'Create case' }).click();
  await page.getByTestId('case-title').filter({ hasText: title }).waitFor();
  await page.getByRole('heading', { name: 'Review footage', level: 1 }).waitFor();
}

/** "Try with demo footage" with the Dahua layout, waiting until the recordings have been read. */
export async function addDahuaDemoFootage(page: Page): Promise<void> {
  await page.getByLabel('Recorder make').selectOption({ label: 'Dahua' });
  await page.getByRole('button', { name: 'Try with demo footage' }).click();
  await page.getByTestId('footage-job-done').waitFor({ timeout: 100_000 });
}

/** Answers step 1's clock question: the recorder showed the same as the true time, read at one moment. */
export async function answerClockAsRight(page: Page): Promise<void> {
  const clockForm = page.getByRole('form', { name: 'Check the recorder\u2019s clock' });
  await clockForm.getByLabel(/What time did the recorder.s clock show\?/).fill('2026-03-14T14:05:10');
  await clockForm.getByLabel('What time was it really?').fill('2026-03-14T14:05:10');
  await clockForm.getByRole('button', { name: 'Save the clock answer' }).click();
  await page.getByTestId('clock-sentence').first().waitFor();
}
