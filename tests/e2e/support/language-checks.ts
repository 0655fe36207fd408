import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";

/**
 * Layout holds in every language (issue 23): the text of every element the locator matches stays inside its box.
 * Returns nothing; fails naming the overflowing texts and the language.
 */
export async function expectNoOverflow(elements: Locator, locale: string): Promise<void> {
  const overflowing = await elements.evaluateAll((nodes) =>
    nodes.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent?.trim()),
  );
  expect(overflowing, `overflowing in ${locale}`).toEqual([]);
}

/** A full-page screenshot kept with the run's results for a translator's review (one per page and language). */
export async function screenshotForReview(page: Page, testInfo: TestInfo, name: string, locale: string): Promise<void> {
  await testInfo.attach(`${name}-${locale}`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}
