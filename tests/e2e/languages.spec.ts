import { expect, test, type Browser } from "@playwright/test";
import { expectNoOverflow, screenshotForReview } from "./support/language-checks";
import { adminPassword, apiAs, createUser, localHostId, signInAnyLanguage } from "./fixtures";

const pageIn = async (browser: Browser, locale: string) => (await browser.newContext({ locale })).newPage();

const switchTimeout = 15_000;

test.describe("languages", () => {
  test("the sign-in page follows the browser; a person's choice is stored with them and follows them to another browser", async ({
    browser,
  }) => {
    const admin = await apiAs("admin", adminPassword);
    const person = await createUser(admin, "lang", { role: "operator" });

    const russian = await pageIn(browser, "ru-RU");
    await russian.goto("/login");
    await expect(russian.locator("html")).toHaveAttribute("lang", "ru");
    await expect(russian.getByText("Войдите, чтобы управлять виртуальными машинами.")).toBeVisible();
    await expect(russian.getByLabel("Имя пользователя")).toBeVisible();
    await expect(russian.getByRole("button", { name: "Войти" })).toBeVisible();

    await signInAnyLanguage(russian, person.username, person.password);
    const nav = russian.getByRole("navigation", { name: "Главное меню" });
    await expect(nav.getByRole("link", { name: "Гостевые системы" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Узлы" })).toBeVisible();

    // The choice: Japanese, named in Japanese in the menu whatever the page speaks.
    await russian.getByLabel("Язык").selectOption({ label: "日本語" });
    // A switch stores the choice and renders the page again on the server: more than a click's time when busy.
    await expect(russian.locator("html")).toHaveAttribute("lang", "ja", { timeout: switchTimeout });
    await expect(russian.getByRole("navigation", { name: "メイン" }).getByRole("link", { name: "ホスト" })).toBeVisible();
    await expect(russian.getByRole("button", { name: /テーマ/ })).toBeVisible();
    // Following the browser again would mean its language, Russian, whatever the page speaks now.
    await expect(russian.getByLabel("言語").locator('option[value=""]')).toHaveText("ブラウザーの言語 (Русский)");

    // Another browser, in English: the sign-in page speaks English, the console the person's Japanese.
    const english = await pageIn(browser, "en-US");
    await english.goto("/login");
    await expect(english.locator("html")).toHaveAttribute("lang", "en");
    await expect(english.getByText("Sign in to manage your virtual machines.")).toBeVisible();
    await signInAnyLanguage(english, person.username, person.password);
    await expect(english.locator("html")).toHaveAttribute("lang", "ja");
    await expect(english.getByRole("link", { name: "ゲスト" })).toBeVisible();

    // Back to the browser's language.
    await english.getByLabel("言語").selectOption({ value: "" });
    await expect(english.locator("html")).toHaveAttribute("lang", "en", { timeout: switchTimeout });
    await expect(english.getByRole("link", { name: "Guests" })).toBeVisible();
    await expect(english.getByLabel("Language")).toHaveValue("");

    await russian.context().close();
    await english.context().close();
    await admin.dispose();
  });

  test("Korean from the browser, and a sign-in error in it", async ({ browser }) => {
    const korean = await pageIn(browser, "ko-KR");
    await korean.goto("/login?error=throttled");
    await expect(korean.locator("html")).toHaveAttribute("lang", "ko");
    await expect(korean.getByTestId("sign-in-error")).toHaveText("로그인 실패가 너무 많습니다. 나중에 다시 시도하십시오");
    await expect(korean).toHaveTitle(/로그인/);
    await korean.context().close();
  });

  test("a language or time zone the console does not offer is refused with a clear message and nothing stored", async () => {
    const admin = await apiAs("admin", adminPassword);
    const person = await createUser(admin, "lang-bad");
    const api = await apiAs(person.username, person.password);
    const badLanguage = await api.put("/api/account/preferences", { data: { locale: "de" } });
    expect(badLanguage.status()).toBe(422);
    expect(JSON.stringify(await badLanguage.json())).toContain("Choose one of the languages the console speaks");
    const badZone = await api.put("/api/account/preferences", { data: { timeZone: "Mars/Olympus" } });
    expect(badZone.status()).toBe(422);
    expect(JSON.stringify(await badZone.json())).toContain("Choose a time zone from the list");
    const good = await api.put("/api/account/preferences", { data: { locale: "ko", timeZone: "Asia/Seoul" } });
    expect(good.status(), await good.text()).toBe(200);
    expect(await good.json()).toEqual({ locale: "ko", timeZone: "Asia/Seoul" });
    await api.dispose();
    await admin.dispose();
  });

  test("the networks pages speak Japanese and Russian: headings, table headers, the wizard's fields, and no header overflows", async ({
    browser,
  }) => {
    const admin = await apiAs("admin", adminPassword);
    const person = await createUser(admin, "lang-net", { role: "admin" });
    await admin.dispose();
    const expected = {
      "ja-JP": { title: "ネットワーク", autostart: "自動起動", create: "仮想ネットワークの作成", name: "名前" },
      "ru-RU": { title: "Сети", autostart: "Автозапуск", create: "Создание виртуальной сети", name: "Имя" },
    };
    for (const [locale, words] of Object.entries(expected)) {
      const page = await pageIn(browser, locale);
      await signInAnyLanguage(page, person.username, person.password);
      await page.goto("/networks");
      await expect(page.getByRole("heading", { level: 1, name: words.title })).toBeVisible();
      const table = page.getByRole("table").first();
      await expect(table.getByRole("columnheader", { name: words.autostart })).toBeVisible();
      await expectNoOverflow(table.getByRole("columnheader"), locale);
      await page.goto("/networks/new");
      await expect(page.getByRole("heading", { level: 1, name: words.create })).toBeVisible();
      // The field's accessible name is its label followed by its hint.
      await expect(page.getByRole("textbox", { name: new RegExp(`^${words.name} `) })).toBeVisible();
      await page.context().close();
    }
  });
  test("the storage pages speak Korean, Japanese and Russian: headings, headers, the pool's state and free space in the language's numbers", async ({
    browser,
  }, testInfo) => {
    const admin = await apiAs("admin", adminPassword);
    const person = await createUser(admin, "lang-storage", { role: "admin" });
    await admin.dispose();
    const expected = {
      "ko-KR": {
        title: "저장소",
        usage: "사용량",
        active: "활성",
        addPool: "풀 추가",
        volumes: "볼륨",
        free: /^\d+(\.\d)? [KMGT]?i?B 여유$/,
      },
      "ja-JP": {
        title: "ストレージ",
        usage: "使用量",
        active: "アクティブ",
        addPool: "プールを追加",
        volumes: "ボリューム",
        free: /^空き \d+(\.\d)? [KMGT]?i?B$/,
      },
      "ru-RU": {
        title: "Хранилище",
        usage: "Использование",
        active: "Активен",
        addPool: "Добавить пул",
        volumes: "Список томов",
        free: /^Свободно \d+(,\d)? [KMGT]?i?B$/,
      },
    };
    for (const [locale, words] of Object.entries(expected)) {
      const page = await pageIn(browser, locale);
      await signInAnyLanguage(page, person.username, person.password);
      await page.goto("/storage");
      await expect(page.getByRole("heading", { level: 1, name: words.title })).toBeVisible();
      const row = page.locator('[data-testid=pool-row][data-pool="default"]').first();
      await expect(row.getByTestId("pool-state")).toHaveText(words.active);
      const table = page.getByRole("table").first();
      await expect(table.getByRole("columnheader", { name: words.usage })).toBeVisible();
      await expectNoOverflow(table.getByRole("columnheader"), locale);
      await expectNoOverflow(page.getByRole("button", { name: words.addPool }), locale);
      await screenshotForReview(page, testInfo, "storage", locale);
      await row.getByRole("link", { name: "default" }).click();
      await expect(page.getByRole("heading", { level: 2, name: words.volumes, exact: true })).toBeVisible();
      await expect(page.getByText(words.free)).toBeVisible();
      await expectNoOverflow(page.getByRole("table").first().getByRole("columnheader"), locale);
      await screenshotForReview(page, testInfo, "storage-pool", locale);
      await page.context().close();
    }
  });
  test("the host pages speak Korean, Japanese and Russian: the list, a host's page with its topology in the language's plurals, and the host form", async ({
    browser,
  }, testInfo) => {
    const admin = await apiAs("admin", adminPassword);
    const person = await createUser(admin, "lang-hosts", { role: "admin" });
    const hostId = await localHostId(admin);
    await admin.dispose();
    const expected = {
      "ko-KR": {
        title: "호스트",
        connected: "연결됨",
        add: "호스트 추가",
        memory: "메모리",
        topology: /소켓 \d+개/,
        connection: "연결",
        port: "기본값 22",
      },
      "ja-JP": {
        title: "ホスト",
        connected: "接続済み",
        add: "ホストを追加",
        memory: "メモリー",
        topology: /\d+ ソケット/,
        connection: "接続",
        port: "既定値 22",
      },
      "ru-RU": {
        title: "Узлы",
        connected: "Подключён",
        add: "Добавить узел",
        memory: "Память",
        topology: /\d+ (сокет|сокета|сокетов) /,
        connection: "Подключение",
        port: "По умолчанию 22",
      },
    };
    for (const [locale, words] of Object.entries(expected)) {
      const page = await pageIn(browser, locale);
      await signInAnyLanguage(page, person.username, person.password);
      await page.goto("/hosts");
      await expect(page.getByRole("heading", { level: 1, name: words.title })).toBeVisible();
      await expect(page.getByTestId("host-status").first()).toHaveText(words.connected);
      await expectNoOverflow(page.getByTestId("host-item").first().getByRole("button"), locale);
      await screenshotForReview(page, testInfo, "hosts", locale);
      await page.goto(`/hosts/${hostId}`);
      // The overview asks the host itself: slower than a page of the console's own data on a busy machine.
      await expect(page.getByText(words.memory, { exact: true }).first()).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText(words.topology)).toBeVisible();
      await screenshotForReview(page, testInfo, "host", locale);
      await page.goto("/hosts/new");
      await expect(page.getByRole("heading", { level: 1, name: words.add })).toBeVisible();
      await expect(page.getByRole("combobox", { name: words.connection })).toBeVisible();
      await expect(page.getByText(words.port)).toBeVisible();
      await expectNoOverflow(page.getByRole("button"), locale);
      await screenshotForReview(page, testInfo, "host-form", locale);
      await page.context().close();
    }
  });
  test("the account pages speak Korean, Japanese and Russian: password, two-factor, tokens with translated roles, the API reference", async ({
    browser,
  }, testInfo) => {
    const admin = await apiAs("admin", adminPassword);
    const person = await createUser(admin, "lang-account", { role: "operator" });
    await admin.dispose();
    const expected = {
      "ko-KR": {
        title: "내 계정",
        change: "암호 변경",
        make: "토큰 만들기",
        role: "운영자",
        grant: "모든 곳에서 운영자",
        api: "API 참조",
        copy: "curl 복사",
      },
      "ja-JP": {
        title: "あなたのアカウント",
        change: "パスワードを変更",
        make: "トークンを作成",
        role: "オペレーター",
        grant: "すべてで オペレーター",
        api: "API リファレンス",
        copy: "curl をコピー",
      },
      "ru-RU": {
        title: "Ваша учётная запись",
        change: "Сменить пароль",
        make: "Создать токен",
        role: "оператор",
        grant: "оператор везде",
        api: "Справочник API",
        copy: "Копировать curl",
      },
    };
    for (const [locale, words] of Object.entries(expected)) {
      const page = await pageIn(browser, locale);
      await signInAnyLanguage(page, person.username, person.password);
      await page.goto("/account");
      await expect(page.getByRole("heading", { level: 1, name: words.title })).toBeVisible();
      await expect(page.getByRole("button", { name: words.change })).toBeVisible();
      const role = page.getByRole("combobox", { name: new RegExp(words.grant) });
      await expect(role.locator("option", { hasText: words.role })).toHaveCount(1);
      await expectNoOverflow(page.getByRole("button"), locale);
      await screenshotForReview(page, testInfo, "account", locale);
      await page.goto("/account/api");
      await expect(page.getByRole("heading", { level: 1, name: words.api })).toBeVisible();
      await expect(page.getByRole("button", { name: words.copy }).first()).toBeVisible();
      await page.context().close();
    }
  });
  test("the users admin page speaks Korean, Japanese and Russian: the admin tabs, a person's roles in words, the new-user form", async ({
    browser,
  }, testInfo) => {
    const admin = await apiAs("admin", adminPassword);
    const person = await createUser(admin, "lang-admin", { role: "admin" });
    const subject = await createUser(admin, "lang-subject", { role: "helpdesk" });
    await admin.dispose();
    const expected = {
      "ko-KR": { tab: "감사 로그", title: "사용자", chip: "헬프데스크 · 모든 곳", newUser: "새 사용자", roleField: "전체 역할" },
      "ja-JP": { tab: "監査ログ", title: "ユーザー", chip: "ヘルプデスク · すべて", newUser: "新しいユーザー", roleField: "全体のロール" },
      "ru-RU": {
        tab: "Журнал аудита",
        title: "Пользователи",
        chip: "служба поддержки · везде",
        newUser: "Новый пользователь",
        roleField: "Роль везде",
      },
    };
    for (const [locale, words] of Object.entries(expected)) {
      const page = await pageIn(browser, locale);
      await signInAnyLanguage(page, person.username, person.password);
      await page.goto("/admin/users");
      await expect(page.getByRole("heading", { level: 1, name: words.title })).toBeVisible();
      await expect(page.getByRole("link", { name: words.tab })).toBeVisible();
      const card = page.getByTestId(`user-${subject.username}`);
      await expect(card.getByRole("listitem").filter({ hasText: words.chip })).toHaveCount(1);
      await expectNoOverflow(card.getByRole("button"), locale);
      await page.getByRole("button", { name: words.newUser }).click();
      await expect(page.getByRole("combobox", { name: new RegExp(words.roleField) })).toBeVisible();
      await screenshotForReview(page, testInfo, "admin-users", locale);
      await page.context().close();
    }
  });
  test("the dashboard speaks Korean, Japanese and Russian: its cards, the host table with overcommit in the language's numbers", async ({
    browser,
  }, testInfo) => {
    const admin = await apiAs("admin", adminPassword);
    const person = await createUser(admin, "lang-dash", { role: "admin" });
    await admin.dispose();
    const expected = {
      "ko-KR": { title: "대시보드", events: "최근 이벤트", byState: "상태별 게스트", overcommit: /^CPU \d+개에 \d+개 \(\d+\.\d:1\)$/ },
      "ja-JP": {
        title: "ダッシュボード",
        events: "最近のイベント",
        byState: "状態別のゲスト",
        overcommit: /^\d+ CPU に \d+ \(\d+\.\d:1\)$/,
      },
      "ru-RU": {
        title: "Панель мониторинга",
        events: "Недавние события",
        byState: "Гостевые системы по состоянию",
        overcommit: /^\d+ на \d+ ЦП \(\d+,\d:1\)$/,
      },
    };
    for (const [locale, words] of Object.entries(expected)) {
      const page = await pageIn(browser, locale);
      await signInAnyLanguage(page, person.username, person.password);
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1, name: words.title })).toBeVisible();
      await expect(page.getByRole("region", { name: words.events })).toBeVisible();
      await expect(page.getByRole("region", { name: words.byState })).toBeVisible();
      const localhost = page.getByTestId("fleet-host").filter({ hasText: "localhost" });
      await expect(localhost.getByTestId("fleet-overcommit")).toHaveText(words.overcommit, { timeout: 30_000 });
      await expectNoOverflow(page.getByRole("table").first().getByRole("columnheader"), locale);
      await screenshotForReview(page, testInfo, "dashboard", locale);
      await page.context().close();
    }
  });
});
