import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { Libvirt, uuidToString, type DomainRef } from "../../lib/libvirt";
import { expectNoOverflow, screenshotForReview } from "./support/language-checks";
import { adminPassword, apiAs, createUser, localHostId, signInAnyLanguage } from "./fixtures";

// The guest list and a guest's page (overview and Snapshots tab) in Korean, Japanese and Russian: their words, a
// state, the actions, a number and a date written as the language writes them, and nothing overflowing its box.
// The guest is defined but never started (1.5 GiB of memory, 2 vCPUs, a qcow2 disk) with one internal snapshot.
// Made in beforeAll: Playwright also loads this file in its runner process, which runs no hooks.
let dir: string;
let lv: Libvirt;
let dom: DomainRef;
let uuid: string;
let hostId: string;
const name = `i18n-guests-${randomBytes(3).toString("hex")}`;
const snapshot = `${name}-snap`;

const words = {
  "ko-KR": {
    title: "게스트",
    columns: ["이름", "상태", "메모리", "자동시작"],
    state: "종료",
    start: "시작",
    memory: "1.5 GiB",
    overview: "개요",
    snapshots: "스냅샷",
    take: "스냅샷 찍기",
    created: "만든 시각",
    date: /^\d{4}\. \d{1,2}\. \d{1,2}\. (오전|오후|AM|PM) \d{1,2}:\d{2}$/,
  },
  "ja-JP": {
    title: "ゲスト",
    columns: ["名前", "状態", "メモリー", "自動起動"],
    state: "停止中",
    start: "起動",
    memory: "1.5 GiB",
    overview: "概要",
    snapshots: "スナップショット",
    take: "スナップショットを作成",
    created: "作成日時",
    date: /^\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}$/,
  },
  "ru-RU": {
    title: "Гостевые системы",
    columns: ["Имя", "Состояние", "Память", "Автозапуск"],
    state: "Выключена",
    start: "Запустить",
    memory: "1,5 GiB",
    overview: "Обзор",
    snapshots: "Снимки",
    take: "Сделать снимок",
    created: "Создан",
    date: /^\d{1,2} [а-я]+\.? \d{4} г\.,? \d{1,2}:\d{2}$/,
  },
};

const pageIn = async (browser: Browser, locale: string) => (await browser.newContext({ locale })).newPage();

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "vc-e2e-i18n-guests-"));
  // QEMU (user libvirt-qemu) must reach the disk inside.
  chmodSync(dir, 0o755);
  const disk = path.join(dir, "disk.qcow2");
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", disk, "16M"]);
  lv = await Libvirt.open("qemu:///system");
  dom = await lv.domains.define(`<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>1536</memory>
  <vcpu>2</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>
  </devices>
</domain>`);
  await lv.domains.createSnapshot(dom, `<domainsnapshot><name>${snapshot}</name><description>i18n</description></domainsnapshot>`);
  uuid = uuidToString(dom.uuid);
  const admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  await admin.dispose();
});

test.afterAll(async () => {
  if (dom) {
    for (const snap of await lv.domains.listSnapshots(dom).catch(() => [])) await lv.domains.deleteSnapshot(snap).catch(() => undefined);
    await lv.domains.undefine(dom).catch(() => undefined);
  }
  await lv?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the guest list and a guest's page speak Korean, Japanese and Russian, with their numbers and dates, and nothing overflows", async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const admin = await apiAs("admin", adminPassword);
  const person = await createUser(admin, "lang-guests", { role: "admin" });
  await admin.dispose();
  for (const [locale, w] of Object.entries(words)) {
    const page = await pageIn(browser, locale);
    await signInAnyLanguage(page, person.username, person.password);

    // The list: heading, column headers, the guest's state word and memory, the row's actions.
    await page.goto("/guests");
    await expect(page.getByRole("heading", { level: 1, name: w.title })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(w.title));
    await page.getByRole("searchbox").fill(name);
    const table = page.getByRole("table");
    for (const column of w.columns) await expect(table.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
    const row = page.locator(`[data-testid=guest-row][data-guest="${name}"]`);
    await expect(row.getByTestId("state-badge")).toHaveText(w.state);
    await expect(row).toContainText(w.memory);
    await expectNoOverflow(table.getByRole("columnheader"), locale);
    await expectNoOverflow(page.getByRole("group").getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "guest-list", locale);
    await row.getByRole("button").last().click();
    await expect(page.getByRole("menuitem", { name: w.start })).toBeVisible();
    await expectNoOverflow(page.getByRole("menuitem"), locale);
    await page.keyboard.press("Escape");

    // The guest's page: its state, its primary action, tabs and the overview's numbers.
    await page.goto(`/guests/${hostId}/${uuid}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByTestId("state-badge")).toHaveText(w.state);
    await expect(page.getByRole("button", { name: w.start, exact: true })).toBeVisible();
    await expect(page.getByRole("tab", { name: w.overview, exact: true })).toHaveAttribute("aria-selected", "true");
    const overview = page.locator("dl").filter({ hasText: uuid });
    await expect(overview).toContainText(w.memory);
    await expectNoOverflow(page.getByRole("tab"), locale);
    await expectNoOverflow(page.locator("main").getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "guest-overview", locale);

    // The Snapshots tab: its button, column headers and the snapshot's creation time in the language's way.
    await page.getByRole("tab", { name: w.snapshots, exact: true }).click();
    await expect(page.getByRole("button", { name: w.take })).toBeVisible();
    const snapshots = page.getByRole("table", { name: w.snapshots });
    await expect(snapshots.getByRole("columnheader", { name: w.created, exact: true })).toBeVisible();
    const created = page.locator(`[data-testid=snapshot-row][data-snapshot="${snapshot}"] td`).nth(2);
    await expect(created).toHaveText(w.date);
    await expectNoOverflow(snapshots.getByRole("columnheader"), locale);
    await expectNoOverflow(page.locator("main").getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "guest-snapshots", locale);
    await page.context().close();
  }
});
