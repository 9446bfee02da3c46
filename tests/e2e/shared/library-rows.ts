import type { Locator } from 'playwright-core';

/**
 * Chooses an action of a library row: its menu ("⋯") opened first, as a reader does, then
 * the action by its accessible name (Delete, Download HTML…).
 */
export async function rowAction(row: Locator, name: string): Promise<void> {
  await row.locator('.library-actions > summary').click();
  await row.getByRole('button', { name, exact: true }).click();
}
