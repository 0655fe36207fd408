import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectNoOverflow, screenshotForReview } from "./support/language-checks";
import { adminPassword, apiAs, createUser, signInAnyLanguage } from "./fixtures";

// The admin pages in Korean, Japanese and Russian: the audit log (an action and its outcome in words, the time as the
// language writes it), settings, sign-in providers, a cluster and the cluster list (a plural), and the networks page
// with its live-updates badge; their words, and no button or column header overflowing its box. The person is
// created here, so the audit log has their "user.create" row; the cluster has no members. Made in beforeAll:
// Playwright also loads this file in its runner process, which runs no hooks.
let admin: APIRequestContext;
let person: { username: string; password: string };
let clusterId: string;
const clusterName = `i18n-admin-${randomBytes(3).toString("hex")}`;

const words = {
  "ko-KR": {
    audit: "감사 로그",
    filter: "필터",
    createUser: "사용자 생성",
    done: "완료",
    time: /^\d{4}\. \d{1,2}\. \d{1,2}\. (오전|오후|AM|PM) \d{1,2}:\d{2}:\d{2}$/,
    settings: "설정",
    download: "콘솔이 다운로드할 수 있는 네트워크",
    loopback: /^루프백 주소 \(콘솔 자신의 컴퓨터\): 127\.0\.0\.0\/8/,
    providers: "로그인 공급자",
    addOidc: "OpenID Connect 공급자 추가",
    cluster: `클러스터 ${clusterName}`,
    members: "구성원",
    noHosts: "호스트 0개",
    networks: "네트워크",
    autostart: "자동시작",
    live: /^(실시간|연결 중…|주기적 확인)$/,
  },
  "ja-JP": {
    audit: "監査ログ",
    filter: "絞り込み",
    createUser: "ユーザーの作成",
    done: "成功",
    time: /^\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}:\d{2}$/,
    settings: "設定",
    download: "コンソールがダウンロードできるネットワーク",
    loopback: /^ループバックアドレス \(コンソール自身のマシン\): 127\.0\.0\.0\/8/,
    providers: "サインインプロバイダー",
    addOidc: "OpenID Connect プロバイダーを追加",
    cluster: `クラスター ${clusterName}`,
    members: "メンバー",
    noHosts: "ホスト 0 台",
    networks: "ネットワーク",
    autostart: "自動起動",
    live: /^(ライブ|接続中…|定期取得)$/,
  },
  "ru-RU": {
    audit: "Журнал аудита",
    filter: "Отфильтровать",
    createUser: "Создание пользователя",
    done: "выполнено",
    time: /^\d{1,2} [а-я]+\.? \d{4} г\., \d{1,2}:\d{2}:\d{2}$/,
    settings: "Настройки",
    download: "Сети, из которых консоль может загружать",
    loopback: /^адрес обратной петли \(машина самой консоли\): 127\.0\.0\.0\/8/,
    providers: "Поставщики входа",
    addOidc: "Добавить OpenID Connect",
    cluster: `Кластер ${clusterName}`,
    members: "Участники",
    noHosts: "0 узлов",
    networks: "Сети",
    autostart: "Автозапуск",
    live: /^(В реальном времени|Подключение…|Опрос)$/,
  },
};

test.beforeAll(async () => {
  admin = await apiAs("admin", adminPassword);
  person = await createUser(admin, "lang-admin", { role: "admin" });
  const created = await admin.post("/api/clusters", { data: { name: clusterName } });
  expect(created.status(), await created.text()).toBe(200);
  clusterId = ((await created.json()) as { id: string }).id;
});

test.afterAll(async () => {
  if (clusterId) await admin.delete(`/api/clusters/${encodeURIComponent(clusterId)}`);
  await admin?.dispose();
});

for (const [locale, w] of Object.entries(words)) {
  test(`the admin pages speak ${locale}: audit log, settings, sign-in providers, clusters, networks`, async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const page = await (await browser.newContext({ locale })).newPage();
    await signInAnyLanguage(page, person.username, person.password);

    // The audit log: the person's own creation, found through the filter's action list, in words.
    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: w.audit })).toBeVisible();
    const filter = page.getByRole("form");
    await filter.getByRole("combobox").selectOption("user.create");
    await filter.locator('input[name="target"]').fill(person.username);
    await filter.getByRole("button", { name: w.filter }).click();
    const row = page.locator("tbody tr");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("audit-action")).toHaveText(w.createUser);
    await expect(row.getByRole("cell").nth(4)).toHaveText(w.done);
    await expect(row.getByRole("cell").first()).toHaveText(w.time);
    await expectNoOverflow(page.getByRole("columnheader"), locale);
    await expectNoOverflow(page.getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "admin-audit", locale);

    // Settings: the address rules in the language, beside the networks they cover.
    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { level: 1, name: w.settings })).toBeVisible();
    const download = page.getByRole("region", { name: w.download });
    await expect(download.getByRole("listitem").filter({ hasText: "127.0.0.0/8" })).toHaveText(w.loopback);
    await expectNoOverflow(page.getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "admin-settings", locale);

    await page.goto("/admin/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: w.providers })).toBeVisible();
    await expect(page.getByRole("button", { name: w.addOidc })).toBeVisible();
    await expectNoOverflow(page.getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "admin-sign-in", locale);

    await page.goto(`/admin/clusters/${encodeURIComponent(clusterId)}`);
    await expect(page.getByRole("heading", { level: 1, name: w.cluster })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: w.members })).toBeVisible();
    await expectNoOverflow(page.getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "admin-cluster", locale);
    await page.goto("/admin/clusters");
    await expect(page.getByRole("listitem").filter({ hasText: clusterName })).toContainText(w.noHosts);

    await page.goto("/networks");
    await expect(page.getByRole("heading", { level: 1, name: w.networks })).toBeVisible();
    const table = page.getByRole("table").first();
    await expect(table.getByRole("columnheader", { name: w.autostart })).toBeVisible();
    await expect(page.getByTestId("live-indicator")).toHaveText(w.live);
    await expectNoOverflow(table.getByRole("columnheader"), locale);
    await expectNoOverflow(page.getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "networks", locale);
    await page.context().close();
  });
}
