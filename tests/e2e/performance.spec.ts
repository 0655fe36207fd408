import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../helpers/test-guest";
import { e2eMetricsToken } from "../../playwright.config";
import { adminPassword, apiAs, createUser, signIn, localHostId } from "./fixtures";

// Performance charts against a real running guest: the collector's points reach the guest's Performance
// tab and the host page live, the range picker switches to the rollups, a chart downloads as CSV, and
// helpdesk staff (no metrics.view) get no Performance tab.
const name = uniqueGuestName("e2e-perf");
let lv: Libvirt;
let uuid: string;
let hostId: string;

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  const dom = await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 128, await resolveVirtType(lv)));
  await lv.domains.start(dom);
  uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
  const admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  await admin.dispose();
});

test.afterAll(async () => {
  await removeGuests(lv, [name]);
  await lv.close();
});

test("a running guest's Performance tab fills live, switches range, and downloads a chart as CSV", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=performance`);
  const charts = page.getByTestId("time-chart");
  await expect(charts).toHaveCount(5);
  await expect(page.getByTestId("metrics-resolution")).toContainText("live");
  // New points arrive without a reload: the CPU chart grows as the collector samples (every 2 s).
  const cpu = charts.filter({ hasText: "CPU" });
  await expect.poll(async () => Number(await cpu.getAttribute("data-points")), { timeout: 30_000 }).toBeGreaterThan(2);
  const before = Number(await cpu.getAttribute("data-points"));
  await expect.poll(async () => Number(await cpu.getAttribute("data-points")), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect(cpu.locator("canvas")).toBeVisible();

  const download = page.waitForEvent("download");
  await cpu.getByRole("button", { name: "Download CPU as CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8").split("\n");
  expect(csv[0]).toBe("time,of its vCPUs,of the host");
  expect(csv.length).toBeGreaterThan(3);
  expect(csv[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,[\d.]*,[\d.]*$/);

  await page.getByRole("radio", { name: "24 hours" }).click();
  await expect(page.getByTestId("metrics-resolution")).not.toContainText("live");
  await page.getByRole("radio", { name: "Custom" }).click();
  await expect(page.getByLabel("From")).toBeVisible();
});

test("the host page charts the host's CPU and memory", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/hosts/${hostId}`);
  const section = page.getByRole("region", { name: "Performance" }).first();
  await expect(section.getByTestId("time-chart")).toHaveCount(2);
  await expect
    .poll(async () => Number(await section.getByTestId("time-chart").first().getAttribute("data-points")), { timeout: 30_000 })
    .toBeGreaterThan(1);
});

test("helpdesk staff granted the guest get no Performance tab, and the metrics API refuses them", async ({ page }) => {
  const admin = await apiAs("admin", adminPassword);
  const helpdesk = await createUser(admin, "perf-helpdesk", { role: "helpdesk", scope: "guest", hostId, guestUuid: uuid });
  await admin.dispose();
  await signIn(page, helpdesk.username, helpdesk.password);
  await page.goto(`/guests/${hostId}/${uuid}`);
  await expect(page.getByRole("tab", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Performance" })).toHaveCount(0);
  const api = await apiAs(helpdesk.username, helpdesk.password);
  expect((await api.get(`/api/hosts/${hostId}/guests/${uuid}/metrics?range=1h`)).status()).toBe(403);
  await api.dispose();
});

test("Prometheus scrapes /metrics with the bearer token, and is refused without it", async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  expect((await ctx.get("/metrics")).status()).toBe(401);
  expect((await ctx.get("/metrics", { headers: { Authorization: "Bearer wrong-token-wrong-token" } })).status()).toBe(401);
  await expect
    .poll(async () => await (await ctx.get("/metrics", { headers: { Authorization: `Bearer ${e2eMetricsToken}` } })).text(), {
      timeout: 20_000,
    })
    .toMatch(
      new RegExp(`^virtconsole_guest_cpu_percent\\{host="localhost",host_id="[^"]+",guest="${name}",uuid="${uuid}"\\} [\\d.]+ \\d+$`, "m"),
    );
  const res = await ctx.get("/metrics", { headers: { Authorization: `Bearer ${e2eMetricsToken}` } });
  expect(res.headers()["content-type"]).toContain("text/plain; version=0.0.4");
  expect(await res.text()).toMatch(/^virtconsole_host_memory_total_bytes\{host="localhost",host_id="[^"]+"\} \d+ \d+$/m);
  await ctx.dispose();
});

test("the fleet dashboard: host capacity and overcommit, guests by state, the busiest guests, and a guest's crash among recent events", async ({
  page,
}) => {
  const admin = await apiAs("admin", adminPassword);
  const viewer = await createUser(admin, "perf-viewer", { role: "viewer" });
  await admin.dispose();
  await signIn(page, viewer.username, viewer.password);
  const localhost = page.getByTestId("fleet-host").filter({ hasText: "localhost" });
  await expect(localhost.getByTestId("fleet-overcommit")).toHaveText(/^\d+ on \d+ CPUs \(\d+\.\d:1\)$/);
  await expect(page.getByTestId("fleet-state-running")).toBeVisible();
  // The collector's newest round ranks our running guest (the dashboard re-reads every 10 s).
  await expect(page.getByRole("region", { name: "Top guests by memory" }).getByRole("link", { name })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Recent events" })).toContainText(`${name} started on localhost`);

  // QEMU killed under the guest: libvirt reports it stopped with a failure, the dashboard says it crashed.
  const pid = Number(readFileSync(`/run/libvirt/qemu/${name}.pid`, "utf8"));
  process.kill(pid, "SIGKILL");
  await expect(page.getByRole("region", { name: "Recent events" })).toContainText(`${name} crashed on localhost`, { timeout: 30_000 });
});

test("helpdesk staff get no fleet dashboard", async ({ page }) => {
  const admin = await apiAs("admin", adminPassword);
  const helpdesk = await createUser(admin, "fleet-helpdesk", { role: "helpdesk" });
  await admin.dispose();
  await signIn(page, helpdesk.username, helpdesk.password);
  await expect(page.getByRole("region", { name: "Hosts" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Your guests" })).toBeVisible();
  const api = await apiAs(helpdesk.username, helpdesk.password);
  expect((await api.get("/api/fleet")).status()).toBe(403);
  await api.dispose();
});
