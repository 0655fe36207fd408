import { expect, test } from "@playwright/test";
import { startSshd, type TestSshd } from "../helpers/sshd";
import { adminPassword, apiAs, createUser, signIn } from "./fixtures";

let sshd: TestSshd;
test.beforeAll(async () => {
  sshd = await startSshd();
});
test.afterAll(async () => {
  await sshd?.stop();
});

test("an admin adds the demo host and a remote host over SSH, confirming its key; an operator cannot", async ({ page, browser }) => {
  await signIn(page, "admin", adminPassword);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hosts" }).click();
  // The local host registered at the first start is connected.
  await expect(page.getByTestId("host-item").filter({ hasText: "localhost" }).getByTestId("host-status")).toHaveAttribute(
    "data-state",
    "connected",
  );

  // The demo host: the form builds the URI.
  await page.getByRole("link", { name: "Add host" }).click();
  const form = page.getByRole("form", { name: "New host" });
  await form.getByLabel("Connection").selectOption("test");
  await form.getByRole("textbox", { name: /^Name/ }).fill("demo");
  await expect(form.getByTestId("host-uri")).toHaveText("test:///default");
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status")).toContainText("libvirt 9.0.0, TEST");
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(page).toHaveURL(/\/hosts$/);
  await expect(page.getByTestId("host-item").filter({ hasText: "demo" }).getByTestId("host-status")).toHaveAttribute(
    "data-state",
    "connected",
  );

  // A remote host over SSH to a real sshd on 127.0.0.1, signing in with a pasted key.
  await page.getByRole("link", { name: "Add host" }).click();
  await form.getByLabel("Connection").selectOption("ssh");
  await form.getByRole("textbox", { name: /^Name/ }).fill("remote");
  await form.getByRole("textbox", { name: /^User/ }).fill(sshd.user);
  await form.getByRole("textbox", { name: /^Address/ }).fill("127.0.0.1");
  await form.getByRole("textbox", { name: /^Port/ }).fill(String(sshd.port));
  await expect(form.getByTestId("host-uri")).toHaveText(`qemu+ssh://${sshd.user}@127.0.0.1:${sshd.port}/system`);
  // Saving without a key or a confirmed host key says what is missing, next to the fields.
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(form.getByText("Test the connection and confirm the host key first")).toBeVisible();
  await expect(form.getByText("Paste or upload the private key")).toBeVisible();
  await form.getByRole("textbox", { name: "Private key" }).fill(sshd.clientKey.toString("utf8"));
  await form.getByRole("button", { name: "Test connection" }).click();
  const presented = form.getByTestId("presented-key");
  await expect(presented).toHaveText(/^SHA256:/);
  const fingerprint = await presented.textContent();
  await form.getByRole("button", { name: "Confirm this key" }).click();
  await expect(form.getByTestId("pinned-key")).toContainText(fingerprint!);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status")).toContainText("Connected to");
  await form.getByRole("button", { name: "Add host" }).click();
  const remote = page.getByTestId("host-item").filter({ hasText: "remote" });
  await expect(remote.getByTestId("host-status")).toHaveAttribute("data-state", "connected");

  // Disconnect parks it; reconnect brings it back.
  await remote.getByRole("button", { name: "Disconnect" }).click();
  await expect(remote.getByTestId("host-status")).toHaveAttribute("data-state", "disconnected");
  await remote.getByRole("button", { name: "Reconnect" }).click();
  await expect(remote.getByTestId("host-status")).toHaveAttribute("data-state", "connected");

  // Edit: secrets are never sent back, only said to be stored; saving with them empty keeps them.
  await remote.getByRole("link", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit host remote" });
  await expect(edit.getByText("Stored; leave empty to keep it")).toBeVisible();
  await expect(edit.getByRole("textbox", { name: "Private key" })).toHaveValue("");
  expect(await page.content()).not.toContain("PRIVATE KEY-----");
  await expect(edit.getByTestId("pinned-key")).toContainText(fingerprint!);
  // Another port is another host: its key must be confirmed again.
  await edit.getByRole("textbox", { name: /^Port/ }).fill("1");
  await expect(edit.getByTestId("pinned-key")).toHaveCount(0);
  await edit.getByRole("textbox", { name: /^Port/ }).fill(String(sshd.port));
  await edit.getByRole("button", { name: "Test connection" }).click();
  await expect(edit.getByTestId("presented-key")).toHaveText(fingerprint!);
  await edit.getByRole("button", { name: "Confirm this key" }).click();
  await edit.getByRole("button", { name: "Test connection" }).click();
  await expect(edit.getByRole("status")).toContainText("Connected to");
  await edit.getByRole("button", { name: "Save host" }).click();
  await expect(page).toHaveURL(/\/hosts$/);
  await expect(remote.getByTestId("host-status")).toHaveAttribute("data-state", "connected");

  // Every change is in the audit log.
  const admin = await apiAs("admin", adminPassword);
  const audit = (await (await admin.get("/api/admin/audit?action=host.")).json()) as { rows: { action: string; target: string }[] };
  const actions = audit.rows.map((r) => `${r.action} ${r.target}`);
  for (const a of [
    "host.add host:demo",
    "host.add host:remote",
    "host.disconnect host:remote",
    "host.reconnect host:remote",
    "host.update host:remote",
  ])
    expect(actions).toContain(a);

  // An operator sees the hosts but cannot manage them.
  const operator = await createUser(admin, "hostop", { role: "operator" });
  const operatorPage = await (await browser.newContext()).newPage();
  await signIn(operatorPage, operator.username, operator.password);
  await operatorPage.goto("/hosts");
  await expect(operatorPage.getByTestId("host-item").filter({ hasText: "remote" })).toBeVisible();
  await expect(operatorPage.getByRole("link", { name: "Add host" })).toHaveCount(0);
  await expect(operatorPage.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await operatorPage.goto("/hosts/new");
  await expect(operatorPage.getByRole("heading", { name: "Access denied" })).toBeVisible();

  // Removing asks first, then the host is gone.
  page.once("dialog", (d) => void d.accept());
  await remote.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("host-item").filter({ hasText: "remote" })).toHaveCount(0);
  await admin.dispose();
});
