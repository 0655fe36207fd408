import { expect, test, type Browser, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../helpers/test-guest";
import { expectNoOverflow, screenshotForReview } from "./support/language-checks";
import { adminPassword, apiAs, createUser, localHostId, signInAnyLanguage } from "./fixtures";

// Issue 23: the new-guest wizard and a guest's Hardware tab in Korean, Japanese and Russian: the words people
// read on each step and page, and nothing spilling out of the step bar, the device list or the Add hardware list.
const name = uniqueGuestName("i18n-wizard-hw");
let lv: Libvirt;
let uuid: string;
let hostId: string;
let person: { username: string; password: string };

/** What each language must show (messages/<language>.json), step by step. */
const expected = {
  "ko-KR": {
    title: "새 가상 머신 만들기",
    pageTitle: /새 게스트/,
    steps: ["1. 설치 방법", "2. 운영 체제", "3. 메모리와 CPU", "4. 저장소", "5. 네트워크", "6. 이름 및 완료"],
    heading: (step: number, title: string) => `6단계 중 ${step}단계: ${title}`,
    forward: "앞으로",
    pxe: "네트워크 부팅 (PXE)",
    host: "호스트",
    osSearch: "운영 체제 검색",
    memory: /^메모리 \(MiB\)/,
    noDisk: "디스크 없음",
    networkSource: "네트워크 소스",
    name: "이름",
    firmware: "펌웨어",
    hardware: "하드웨어",
    overview: "개요",
    boot: "부팅 옵션",
    apply: "적용",
    addHardware: "하드웨어 추가",
    addTitle: "새 가상 하드웨어 추가",
    storage: "저장소",
    cdrom: "CD-ROM 장치",
    bootOrder: "부팅 장치 순서",
  },
  "ja-JP": {
    title: "新しい仮想マシンの作成",
    pageTitle: /新しいゲスト/,
    steps: ["1. インストール方法", "2. OS", "3. メモリーと CPU", "4. ストレージ", "5. ネットワーク", "6. 名前と完了"],
    heading: (step: number, title: string) => `ステップ ${step}/6: ${title}`,
    forward: "進む",
    pxe: "ネットワークブート (PXE)",
    host: "ホスト",
    osSearch: "オペレーティングシステムを検索",
    memory: /^メモリー \(MiB\)/,
    noDisk: "ディスクなし",
    networkSource: "ネットワークソース",
    name: "名前",
    firmware: "ファームウェア",
    hardware: "ハードウェア",
    overview: "概要",
    boot: "ブートオプション",
    apply: "適用",
    addHardware: "ハードウェアを追加",
    addTitle: "新しい仮想ハードウェアを追加",
    storage: "ストレージ",
    cdrom: "CD-ROM デバイス",
    bootOrder: "ブートデバイスの順序",
  },
  "ru-RU": {
    title: "Создание виртуальной машины",
    pageTitle: /Новая гостевая система/,
    steps: ["1. Способ установки", "2. ОС", "3. Память и ЦП", "4. Хранилище", "5. Сеть", "6. Имя и готово"],
    heading: (step: number, title: string) => `Шаг ${step} из 6: ${title}`,
    forward: "Вперёд",
    pxe: "Загрузка по сети (PXE)",
    host: "Узел",
    osSearch: "Поиск операционных систем",
    memory: /^Память \(МиБ\)/,
    noDisk: "Без диска",
    networkSource: "Источник сети",
    name: "Имя",
    firmware: "Микропрограмма",
    hardware: "Оборудование",
    overview: "Обзор",
    boot: "Параметры загрузки",
    apply: "Применить",
    addHardware: "Добавить оборудование",
    addTitle: "Добавление виртуального оборудования",
    storage: "Хранилище",
    cdrom: "Устройство CD-ROM",
    bootOrder: "Порядок загрузочных устройств",
  },
};
type Words = (typeof expected)["ko-KR"];

const pageIn = async (browser: Browser, locale: string) => (await browser.newContext({ locale })).newPage();

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  // A CD-ROM drive gives the device list a disk kind whose choice words are translated.
  const cdrom = "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>";
  await lv.domains.define(
    testGuestXml(name, ensureTestGuestImage(), 160, await resolveVirtType(lv)).replace("<devices>", `<devices>${cdrom}`),
  );
  uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
  const admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  person = await createUser(admin, "i18n-wizard", { role: "admin" });
  await admin.dispose();
});

test.afterAll(async () => {
  await removeGuests(lv, [name]);
  await lv.close();
});

/** The step bar says every step in the language, marks the current one, and no label spills out of its chip. */
async function expectStep(page: Page, words: Words, locale: string, step: number) {
  const bar = page.locator("ol").filter({ has: page.locator('[aria-current="step"]') });
  await expect(bar.getByRole("listitem")).toHaveText(words.steps);
  await expect(bar.locator('[aria-current="step"]')).toHaveText(words.steps[step - 1]);
  await expectNoOverflow(bar.getByRole("listitem"), locale);
  await expect(page.getByRole("heading", { level: 2, name: words.heading(step, words.steps[step - 1].slice(3)) })).toBeVisible();
}

for (const [locale, words] of Object.entries(expected)) {
  test(`the new-guest wizard in ${locale}: the step bar, each step's heading and fields, nothing overflowing`, async ({
    browser,
  }, testInfo) => {
    const page = await pageIn(browser, locale);
    await signInAnyLanguage(page, person.username, person.password);
    await page.goto("/guests/new");
    await expect(page).toHaveTitle(words.pageTitle);
    await expect(page.getByRole("heading", { level: 1, name: words.title })).toBeVisible();

    await expectStep(page, words, locale, 1);
    await expect(page.getByRole("combobox", { name: words.host, exact: true })).toBeVisible();
    await page.getByRole("radio", { name: words.pxe }).check();
    await screenshotForReview(page, testInfo, "wizard-step-1", locale);
    await page.getByRole("button", { name: words.forward }).click();

    await expectStep(page, words, locale, 2);
    await expect(page.getByLabel(words.osSearch)).toBeVisible();
    await page.getByRole("button", { name: words.forward }).click();

    await expectStep(page, words, locale, 3);
    await expect(page.getByLabel(words.memory)).toHaveValue(/^\d+$/);
    await screenshotForReview(page, testInfo, "wizard-step-3", locale);
    await page.getByRole("button", { name: words.forward }).click();

    await expectStep(page, words, locale, 4);
    await page.getByRole("radio", { name: words.noDisk }).check();
    await page.getByRole("button", { name: words.forward }).click();

    await expectStep(page, words, locale, 5);
    await page.getByLabel(words.networkSource).selectOption("none");
    await page.getByRole("button", { name: words.forward }).click();

    await expectStep(page, words, locale, 6);
    await expect(page.getByLabel(words.name, { exact: true })).toBeVisible();
    await expect(page.getByRole("combobox", { name: words.firmware, exact: true })).toBeVisible();
    await expectNoOverflow(page.locator("main").getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "wizard-step-6", locale);
    await page.context().close();
  });

  test(`a guest's Hardware tab in ${locale}: the device list, a device page and the Add hardware dialog`, async ({ browser }, testInfo) => {
    const page = await pageIn(browser, locale);
    await signInAnyLanguage(page, person.username, person.password);
    await page.goto(`/guests/${hostId}/${uuid}?tab=hardware`);
    const list = page.getByRole("navigation", { name: words.hardware, exact: true });
    await expect(list.getByRole("button", { name: words.overview })).toHaveAttribute("aria-current", "page");
    await expect(list.getByRole("button", { name: words.boot })).toBeVisible();
    await expect(page.getByRole("form", { name: words.overview })).toBeVisible();
    await expectNoOverflow(list.getByRole("button").locator("span"), locale);
    await screenshotForReview(page, testInfo, "hardware-overview", locale);

    await list.getByRole("button", { name: words.boot }).click();
    await expect(page.getByText(words.bootOrder)).toBeVisible();

    // A device page: its choice words come from messages keyed by libvirt's values.
    await list.getByRole("button", { name: /hdc/ }).click();
    await expect(page.locator("option", { hasText: words.cdrom })).toHaveCount(1);
    await expect(page.getByRole("button", { name: words.apply })).toBeDisabled();
    await expectNoOverflow(page.locator("main").getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "hardware-device", locale);

    await page.getByRole("button", { name: words.addHardware }).click();
    const dialog = page.getByRole("dialog", { name: words.addTitle });
    await expect(dialog.getByRole("button", { name: words.storage, exact: true })).toHaveAttribute("aria-current", "true");
    await expectNoOverflow(dialog.getByRole("navigation").getByRole("button"), locale);
    await screenshotForReview(page, testInfo, "hardware-add", locale);
    await page.context().close();
  });
}
