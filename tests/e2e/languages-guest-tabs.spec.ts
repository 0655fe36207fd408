import { readFileSync } from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import { Libvirt, uuidToString } from "../../lib/libvirt";
import { startTestGuest, type RunningTestGuest } from "../helpers/test-guest";
import { expectNoOverflow, screenshotForReview } from "./support/language-checks";
import { adminPassword, apiAs, createUser, localHostId, signInAnyLanguage } from "./fixtures";

// A running guest's Performance and Hardware tabs and its console in Korean, Japanese and Russian: the sign-in
// page in the browser's language, the charts' words, the span they show and their CSV's header, a device form's
// field labels and options, and the console toolbar with its send-keys menu; nothing overflowing its box.
// The guest is a transient test guest with a VNC display (no need to wait for its boot: QEMU's VNC answers at once).
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
let hostId: string;

const words = {
  "ko-KR": {
    intro: "로그인하여 가상 머신을 관리하십시오.",
    performance: "성능",
    day: "24시간",
    charts: ["CPU", "메모리"],
    span: /\d{4}\. \d{1,2}\. \d{1,2}\./,
    csvHeader: "시각,vCPU 대비,호스트 대비",
    hardware: "하드웨어",
    add: "하드웨어 추가",
    addTitle: "새 가상 하드웨어 추가",
    network: "네트워크",
    fields: ["네트워크 소스", "장치 모델", "MAC 주소", "링크 상태"],
    virtualNetwork: "가상 네트워크",
    console: "콘솔",
    sendKeys: "키 보내기",
    sendKeysChoose: "키 보내기…",
  },
  "ja-JP": {
    intro: "サインインして仮想マシンを管理します。",
    performance: "パフォーマンス",
    day: "24 時間",
    charts: ["CPU", "メモリー"],
    span: /\d{4}\/\d{2}\/\d{2}/,
    csvHeader: "時刻,vCPU に対する割合,ホストに対する割合",
    hardware: "ハードウェア",
    add: "ハードウェアを追加",
    addTitle: "新しい仮想ハードウェアを追加",
    network: "ネットワーク",
    fields: ["ネットワークソース", "デバイスモデル", "MAC アドレス", "リンク状態"],
    virtualNetwork: "仮想ネットワーク",
    console: "コンソール",
    sendKeys: "キーの送信",
    sendKeysChoose: "キーの送信…",
  },
  "ru-RU": {
    intro: "Войдите, чтобы управлять виртуальными машинами.",
    performance: "Производительность",
    day: "24 часа",
    charts: ["ЦП", "Память"],
    span: /\d{1,2} [а-я]+\.? \d{4} г\./,
    csvHeader: "время,от своих vCPU,от узла",
    hardware: "Оборудование",
    add: "Добавить оборудование",
    addTitle: "Добавление виртуального оборудования",
    network: "Сеть",
    fields: ["Источник сети", "Модель устройства", "MAC-адрес", "Состояние связи"],
    virtualNetwork: "Виртуальная сеть",
    console: "Консоль",
    sendKeys: "Отправить комбинацию клавиш",
    sendKeysChoose: "Отправить клавиши…",
  },
};

const pageIn = async (browser: Browser, locale: string) => (await browser.newContext({ locale })).newPage();

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  guest = await startTestGuest(lv, { namePrefix: "e2e-i18n-tabs" });
  uuid = uuidToString(guest.dom.uuid);
  const admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  await admin.dispose();
});

test.afterAll(async () => {
  await guest?.cleanup();
  await lv?.close();
});

test("a guest's charts, device form and console speak Korean, Japanese and Russian, with the span in their dates, and nothing overflows", async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const admin = await apiAs("admin", adminPassword);
  const person = await createUser(admin, "lang-tabs", { role: "admin" });
  await admin.dispose();
  for (const [locale, w] of Object.entries(words)) {
    const page = await pageIn(browser, locale);

    // The sign-in page follows the browser.
    await page.goto("/login");
    await expect(page.getByText(w.intro)).toBeVisible();
    await signInAnyLanguage(page, person.username, person.password);

    // Performance: the range buttons, the charts' titles, the span in the language's dates, the CSV's header.
    await page.goto(`/guests/${hostId}/${uuid}`);
    await page.getByRole("tab", { name: w.performance, exact: true }).click();
    await expect(page.getByRole("radio", { name: w.day })).toBeVisible();
    const charts = page.getByTestId("time-chart");
    for (const [i, title] of w.charts.entries()) await expect(charts.nth(i).locator("figcaption")).toContainText(title);
    await expect(page.getByTestId("metrics-span")).toHaveText(w.span);
    const download = page.waitForEvent("download");
    await charts.first().getByRole("button").click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv.split("\n")[0]).toBe(w.csvHeader);
    await expectNoOverflow(page.getByRole("radio"), locale);
    await expectNoOverflow(page.getByRole("tab"), locale);
    await screenshotForReview(page, testInfo, "guest-performance", locale);

    // Hardware: a new NIC's form, its field labels and source options in the language.
    await page.getByRole("tab", { name: w.hardware, exact: true }).click();
    await page.getByRole("button", { name: w.add }).click();
    const dialog = page.getByRole("dialog", { name: w.addTitle });
    await dialog.getByRole("button", { name: w.network, exact: true }).click();
    for (const label of w.fields) await expect(dialog.getByLabel(label, { exact: true })).toBeVisible();
    await expect(dialog.getByLabel(w.fields[0], { exact: true }).locator("option:checked")).toHaveText(w.virtualNetwork);
    await expectNoOverflow(dialog.getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "guest-add-nic", locale);
    await page.keyboard.press("Escape");

    // The console toolbar and its send-keys menu.
    await page.goto(`/guests/${hostId}/${uuid}/console`);
    await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
    const toolbar = page.getByRole("toolbar", { name: w.console });
    const sendKeys = toolbar.getByLabel(w.sendKeys, { exact: true });
    await expect(sendKeys.locator("option").first()).toHaveText(w.sendKeysChoose);
    await expectNoOverflow(toolbar.getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "guest-console", locale);
    await page.context().close();
  }
});
