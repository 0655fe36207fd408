import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type TestInfo } from "@playwright/test";
import { expectNoOverflow, screenshotForReview } from "./support/language-checks";
import { adminPassword, apiAs, createUser, signInAnyLanguage } from "./fixtures";

// The managers' pages in Korean, Japanese and Russian (issue 23): alerts, the usage and right-sizing reports and
// schedules, each with its words, a number or date in the language's format, a refusal the server words (a
// schedule that never comes), CSV headers in the language, no overflowing button or header, and a screenshot for
// a translator's review. One rule and one schedule are shared.

const TAG = `lang-mgr-${Date.now().toString(36)}`;
const LEVEL = 90.5;

/** The month the usage report opens on (the one before now), as the page words its first day. */
const firstOfLastMonth = () => {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
};
const dayIn = (locale: string, ms: number) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(ms);

const expected = {
  "ko-KR": {
    alerts: "경고",
    condition: "조건",
    rule: `게스트 CPU 사용률이(가) 5분 동안 90.5 % 초과`,
    usageHeading: "호스트별 사용량",
    csvHeader: "호스트,게스트 수,실행 시간",
    downloadCsv: "CSV 내려받기",
    rightSizing: "적정 크기",
    schedules: "일정",
    newSchedule: "새 일정",
    schedule: `태그 ${TAG}이(가) 붙은 게스트 시작`,
    next: "다음:",
    // A refusal the server words: a schedule that never comes.
    when: "시기",
    cron: "cron 식",
    make: "일정 만들기",
    neverComes: "이 일정은 실행되지 않습니다",
  },
  "ja-JP": {
    alerts: "アラート",
    condition: "条件",
    rule: "ゲストの CPU 使用率が 5 分間 90.5 % 超",
    usageHeading: "ホスト別の使用量",
    csvHeader: "ホスト,ゲスト数,稼働時間",
    downloadCsv: "CSV をダウンロード",
    rightSizing: "適正サイズ",
    schedules: "スケジュール",
    newSchedule: "新しいスケジュール",
    schedule: `タグ ${TAG} の付いたゲストの起動`,
    next: "次回:",
    when: "タイミング",
    cron: "cron 式",
    make: "スケジュールを作成",
    neverComes: "このスケジュールは実行されません",
  },
  "ru-RU": {
    alerts: "Оповещения",
    condition: "Условие",
    rule: "Загрузка ЦП гостевой системы выше 90,5 % в течение 5 минут",
    usageHeading: "Использование по узлам",
    csvHeader: "Узел,Гостевые системы,Часы работы",
    downloadCsv: "Скачать CSV",
    rightSizing: "Оптимизация ресурсов",
    schedules: "Расписания",
    newSchedule: "Новое расписание",
    schedule: `Запуск: гостевые системы с тегом ${TAG}`,
    next: "Далее:",
    when: "Когда",
    cron: "Выражение cron",
    make: "Создать расписание",
    neverComes: "Это расписание никогда не наступит",
  },
} as const;
type Locale = keyof typeof expected;

let admin: APIRequestContext;
let person: { username: string; password: string };
let ruleId = "";
let scheduleId = "";

test.beforeAll(async () => {
  admin = await apiAs("admin", adminPassword);
  person = await createUser(admin, "lang-mgr", { role: "admin" });
  const rule = await admin.post("/api/alerts/rules", {
    data: {
      name: `${TAG} busy`,
      kind: "metric",
      target: "guest.cpu",
      comparison: "above",
      level: LEVEL,
      durationMinutes: 5,
      scope: "global",
      enabled: true,
      webhookUrl: "",
      webhookSecret: "",
    },
  });
  expect(rule.status(), await rule.text()).toBe(200);
  ruleId = ((await rule.json()) as { id: string }).id;
  const schedule = await admin.post("/api/schedules", {
    data: { action: "start", target: { kind: "tag", tag: TAG }, timing: { preset: "daily", timeZone: "UTC" } },
  });
  expect(schedule.status(), await schedule.text()).toBe(200);
  scheduleId = ((await schedule.json()) as { id: string }).id;
});

test.afterAll(async () => {
  if (ruleId) await admin.delete(`/api/alerts/rules/${ruleId}`);
  if (scheduleId) await admin.delete(`/api/schedules/${scheduleId}`);
  await admin.dispose();
});

async function visitManagersPages(browser: Browser, locale: Locale, testInfo: TestInfo) {
  const words = expected[locale];
  const page = await (await browser.newContext({ locale, acceptDownloads: true })).newPage();
  await signInAnyLanguage(page, person.username, person.password);
  const main = page.locator("main");

  await page.goto("/alerts");
  await expect(page.getByRole("heading", { level: 1, name: words.alerts })).toBeVisible();
  const rules = page.getByTestId("alert-rules");
  await expect(rules.getByRole("columnheader", { name: words.condition })).toBeVisible();
  // The rule's level in the language's numbers ("90,5" in Russian).
  await expect(rules.getByTestId("rule-row").filter({ hasText: TAG })).toContainText(words.rule);
  await expectNoOverflow(main.getByRole("columnheader"), locale);
  await expectNoOverflow(main.getByRole("button"), locale);
  await screenshotForReview(page, testInfo, "alerts", locale);

  await page.goto("/reports/usage");
  // The period's first day in the language's calendar words.
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${words.usageHeading}`) })).toContainText(
    dayIn(locale, firstOfLastMonth()),
  );
  await expectNoOverflow(main.getByRole("columnheader"), locale);
  await expectNoOverflow(main.getByRole("button"), locale);
  // The CSV's headers in the language, its values plain numbers.
  const download = page.waitForEvent("download");
  await main.getByRole("button", { name: words.downloadCsv }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv.split("\n")[0]).toMatch(new RegExp(`^${words.csvHeader}`));
  await screenshotForReview(page, testInfo, "usage", locale);

  await page.goto("/reports/right-sizing");
  await expect(page.getByRole("heading", { level: 1, name: words.rightSizing })).toBeVisible();
  await expect(page.getByTestId("right-sizing-total")).toBeVisible();
  await expectNoOverflow(main.getByRole("columnheader"), locale);
  await expectNoOverflow(main.getByRole("button"), locale);
  await screenshotForReview(page, testInfo, "right-sizing", locale);

  await page.goto("/schedules");
  await expect(page.getByRole("heading", { level: 1, name: words.schedules })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: words.newSchedule })).toBeVisible();
  const item = page.getByRole("listitem").filter({ hasText: words.schedule });
  await expect(item).toContainText(words.next);
  // The next run at 03:00 in the language's date and time format.
  await expect(item).toContainText(/03:00|3:00/);
  // A schedule that never comes is refused in the language, with its expression.
  const form = page.getByRole("form", { name: words.newSchedule });
  await form.getByRole("combobox", { name: new RegExp(`^${words.when}`) }).selectOption("");
  await form.getByRole("textbox", { name: words.cron }).fill("0 0 30 2 *");
  await form.getByRole("button", { name: words.make }).click();
  await expect(form.getByText(words.neverComes).first()).toContainText("0 0 30 2 *");
  await expectNoOverflow(main.getByRole("button"), locale);
  await screenshotForReview(page, testInfo, "schedules", locale);
  await page.context().close();
}

test.describe("the managers' pages in other languages", () => {
  for (const locale of Object.keys(expected) as Locale[]) {
    test(`alerts, reports and schedules speak ${locale}`, async ({ browser }, testInfo) => {
      test.setTimeout(90_000);
      await visitManagersPages(browser, locale, testInfo);
    });
  }
});
