// Virtual networks in the browser against the real libvirtd: the wizard creates and starts a NAT
// network, a real guest on it gets a DHCP lease that the network's page lists with its MAC and IP;
// refusals, live edits, stop/start/delete, host interfaces and who may do what.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import {
  freeTestSubnets,
  removeNetwork,
  requestDhcpLease,
  startGuestOnNetwork,
  uniqueNetworkName,
  type GuestOnNetwork,
} from "../helpers/networks";
import { adminPassword, apiAs, createUser, signIn, localHostId } from "./fixtures";

let lv: Libvirt;
let admin: APIRequestContext;
let hostId: string;
let subnet: string;
let base: string;
let guest: GuestOnNetwork | null = null;
const nat = uniqueNetworkName();
const apiMade = uniqueNetworkName();

const row = (page: Page, name: string) => page.getByTestId("network-row").and(page.locator(`[data-name="${name}"]`));

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  [subnet] = await freeTestSubnets(lv, 1);
  base = subnet.replace(/\.0\/24$/, "");
});

test.afterAll(async () => {
  await guest?.cleanup();
  for (const name of [nat, apiMade]) await removeNetwork(lv, name);
  await admin?.dispose();
  await lv?.close();
});

test("an operator creates a NAT network with the wizard; a real guest's DHCP lease shows on its page", async ({ page }) => {
  test.setTimeout(240_000);
  const operator = await createUser(admin, "net-op", { role: "operator" });
  await signIn(page, operator.username, operator.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Networks" }).click();
  await expect(page.getByTestId("host-networks").filter({ hasText: "localhost" })).toBeVisible();
  // Other specs leave hosts behind (a test-driver "demo"); this one creates on localhost.
  await page.getByRole("link", { name: "Create network on localhost" }).click();
  await expect(page.getByRole("combobox", { name: /^Host/ })).toHaveValue(hostId);

  await page.getByRole("textbox", { name: /^Name/ }).fill(nat);
  await expect(page.getByLabel("Mode")).toHaveValue("nat");
  await page.getByLabel("IPv4 network").fill(subnet);
  // Like virt-manager, the range follows the network: the upper half, up to .254.
  await expect(page.getByLabel("DHCPv4 start")).toHaveValue(`${base}.128`);
  await expect(page.getByLabel("DHCPv4 end")).toHaveValue(`${base}.254`);
  await page.getByRole("radio", { name: "Use the network name" }).check();
  await page.getByText("XML that will be defined").click();
  await expect(page.getByTestId("network-xml-preview")).toContainText(`<ip address='${base}.1' prefix='24'>`);
  await page.getByRole("button", { name: "Create network" }).click();

  await expect(page).toHaveURL(new RegExp(`/networks/[^/]+/${nat}$`));
  await expect(page.getByRole("heading", { name: nat })).toBeVisible();
  await expect(page.getByTestId("network-state")).toHaveAttribute("data-state", "active");
  const facts = page.getByRole("definition");
  await expect(facts.filter({ hasText: `${base}.1/24` })).toBeVisible();
  await expect(facts.filter({ hasText: `${base}.128 – ${base}.254` })).toBeVisible();

  guest = await startGuestOnNetwork(lv, nat);
  expect(await requestDhcpLease(lv, guest.dom)).toMatch(/lease of [\d.]+ obtained/);
  // The page re-reads leases every 5 s.
  const lease = page.getByTestId("lease-row").filter({ hasText: guest.mac });
  await expect(lease).toContainText(`${base}.`, { timeout: 20_000 });
  await expect(page.getByRole("definition").filter({ hasText: /^1$/ })).toBeVisible();

  await page.getByRole("link", { name: "Networks" }).first().click();
  await expect(row(page, nat).getByTestId("lease-count")).toHaveText("1", { timeout: 15_000 });
  await expect(row(page, nat)).toContainText("NAT");
  await expect(row(page, nat)).toContainText(`${base}.1/24`);
  const audit = (await (await admin.get("/api/admin/audit?action=network.create")).json()) as {
    rows: { target: string; result: string; actor: string }[];
  };
  expect(audit.rows.find((r) => r.target.endsWith(`/${nat}`))).toMatchObject({ result: "ok", actor: operator.username });
});

test("the wizard refuses a subnet another network uses, naming it, and bad names", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/networks/new?host=${hostId}`);
  await page.getByRole("textbox", { name: /^Name/ }).fill("a<b>");
  await page.getByLabel("IPv4 network").fill(subnet);
  const overlap = `${subnet} overlaps ${subnet} of the network “${nat}” on this host`;
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByText("Letters, digits, '.', '_' and '-' only, starting with a letter or digit")).toBeVisible();
  // Shown as soon as the subnet is typed, and refused by the server too.
  await page.getByRole("textbox", { name: /^Name/ }).fill(uniqueNetworkName());
  await expect(page.getByText(overlap)).toBeVisible();
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByRole("alert").filter({ hasText: overlap })).toBeVisible();
  await page.getByLabel("IPv4 network").fill("192.168.77.0/24");
  await page.getByLabel("DHCPv4 end").fill("192.168.78.10");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByText("Not inside the network 192.168.77.0/24")).toBeVisible();
  await expect(page).toHaveURL(/\/networks\/new/);
});

test("static DHCP hosts are added and removed on the running network; stop, start, autostart and delete", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/networks/${hostId}/${nat}`);
  const hosts = page.getByRole("region", { name: "Static DHCPv4 hosts" });
  await hosts.getByLabel("MAC address").fill("52:54:00:0e:2e:01");
  await hosts.getByLabel("Host name").fill("db");
  await hosts.getByRole("textbox", { name: /^Address/ }).fill(`${base}.20`);
  await hosts.getByRole("button", { name: "Add" }).click();
  await expect(hosts.getByRole("row").filter({ hasText: "52:54:00:0e:2e:01" })).toContainText(`${base}.20`);
  await hosts.getByRole("textbox", { name: /^Address/ }).fill("10.9.9.9");
  await hosts.getByLabel("MAC address").fill("52:54:00:0e:2e:02");
  await hosts.getByRole("button", { name: "Add" }).click();
  await expect(hosts.getByText(`Not inside the network ${subnet}`)).toBeVisible();
  await hosts.getByRole("row").filter({ hasText: "52:54:00:0e:2e:01" }).getByRole("button", { name: "Remove" }).click();
  await expect(hosts.getByText("None.")).toBeVisible();

  await page.getByRole("button", { name: "More actions" }).click();
  const autostart = page.getByRole("menuitemcheckbox", { name: "Start with host" });
  await expect(autostart).toBeChecked();
  // The box follows libvirt's state: it changes once the server has set it.
  await autostart.click();
  await expect(autostart).not.toBeChecked();
  await expect(page.getByRole("definition").filter({ hasText: /^Off$/ })).toBeVisible();

  await page.goto("/networks");
  await guest?.cleanup();
  guest = null;
  await row(page, nat)
    .getByRole("button", { name: `Stop ${nat}` })
    .click();
  await expect(row(page, nat).getByTestId("network-state")).toHaveAttribute("data-state", "inactive");
  await row(page, nat)
    .getByRole("button", { name: `Start ${nat}` })
    .click();
  await expect(row(page, nat).getByTestId("network-state")).toHaveAttribute("data-state", "active");
  await row(page, nat)
    .getByRole("button", { name: `Delete ${nat}` })
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete network" }).click();
  await expect(row(page, nat)).toHaveCount(0);
  await expect(lv.networks.lookupByName(nat)).rejects.toThrow(/no network/);
});

test("host interfaces show the NIC with its MAC and addresses, and libvirt's bridge with its network", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto("/networks");
  const section = page.getByTestId("host-networks").filter({ hasText: "localhost" });
  const interfaces = section.getByRole("table", { name: "Host interfaces" });
  const { interfaces: listed } = (await (await admin.get(`/api/hosts/${hostId}/interfaces`)).json()) as {
    interfaces: { name: string; kind: string; mac: string; addresses: string[]; network: string | null }[];
  };
  const nic = listed.find((i) => i.kind === "physical")!;
  const nicRow = interfaces.getByTestId("interface-row").and(page.locator(`[data-name="${nic.name}"]`));
  await expect(nicRow).toContainText("Physical NIC");
  await expect(nicRow).toContainText(nic.mac);
  for (const address of nic.addresses) await expect(nicRow).toContainText(address);
  const bridge = listed.find((i) => i.network === "default");
  if (bridge)
    await expect(interfaces.getByTestId("interface-row").and(page.locator(`[data-name="${bridge.name}"]`))).toContainText(
      "Bridge of the virtual network “default”",
    );
});

test("viewers see networks without actions; the API refuses bad input and audits what it does", async ({ page }) => {
  const res = await admin.post(`/api/hosts/${hostId}/networks`, {
    data: {
      name: apiMade,
      mode: "isolated",
      ipv4: { enabled: true, network: "10.99.0.0/24", dhcp: true, dhcpStart: "10.99.0.50", dhcpEnd: "10.99.0.40" },
    },
  });
  expect(res.status()).toBe(422);
  expect((await res.json()).fields).toEqual({ "ipv4.dhcpEnd": "The range must end at or after its start" });
  const made = await admin.post(`/api/hosts/${hostId}/networks`, {
    data: { name: apiMade, mode: "isolated", start: false, autostart: false },
  });
  expect(made.status(), await made.text()).toBe(200);

  const viewer = await createUser(admin, "net-viewer", { role: "viewer" });
  await signIn(page, viewer.username, viewer.password);
  await page.goto("/networks");
  await expect(row(page, apiMade)).toContainText("Isolated");
  await expect(page.getByRole("link", { name: "Create network", exact: true })).toHaveCount(0);
  await expect(row(page, apiMade).getByRole("button")).toHaveCount(0);
  await page.goto(`/networks/${hostId}/${apiMade}`);
  await expect(page.getByRole("heading", { name: apiMade })).toBeVisible();
  await expect(page.getByRole("button", { name: "More actions" })).toHaveCount(0);
  await page.goto("/networks/new");
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();

  expect((await admin.delete(`/api/hosts/${hostId}/networks/${apiMade}`)).status()).toBe(200);
  const audit = (await (await admin.get("/api/admin/audit?action=network.delete")).json()) as {
    rows: { target: string; result: string }[];
  };
  expect(audit.rows.find((r) => r.target === `network:localhost/${apiMade}`)).toMatchObject({ result: "ok" });
});
