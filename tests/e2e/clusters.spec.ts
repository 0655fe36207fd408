// Host clusters (issue 30) in the browser: an admin creates a cluster, adds this machine's libvirtd and the test
// peer (tests/helpers/peer-daemon.ts), and sees the baseline CPU libvirt computed and each member's fitness; its
// migration policy is checked on the form and kept.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startPeerDaemon, type PeerDaemon } from "../helpers/peer-daemon";
import { adminPassword, apiAs, signIn } from "./fixtures";

let peer: PeerDaemon;
let admin: APIRequestContext;
let peerHostId: string | null = null;
const clusterName = `clusters-e2e-${process.pid}`;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  peer = await startPeerDaemon();
  admin = await apiAs("admin", adminPassword);
  const added = await admin.post("/api/hosts", { data: { kind: "tcp", name: "clusters-peer", address: peer.address } });
  expect(added.status(), await added.text()).toBe(200);
  peerHostId = ((await added.json()) as { id: string }).id;
});

test.afterAll(async () => {
  const list = (await (await admin.get("/api/clusters")).json()) as { clusters: { id: string; name: string }[] };
  for (const c of list.clusters.filter((c) => c.name === clusterName)) await admin.delete(`/api/clusters/${c.id}`);
  if (peerHostId) await admin.delete(`/api/hosts/${peerHostId}`);
  await admin?.dispose();
  await peer?.stop();
});

test("an admin creates a cluster, adds hosts, and sees its baseline CPU and which member lacks a required network", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin", adminPassword);
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Clusters" }).click();
  await expect(page.getByRole("heading", { name: "Clusters", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "New cluster" }).click();
  const form = page.getByRole("region", { name: "New cluster" });
  await form.getByLabel("Name", { exact: true }).fill(clusterName);
  // This machine's libvirtd has the "default" network; the peer's fresh daemon has none.
  await form.getByLabel("Required networks").fill("default");
  // Its migration policy: 0 at once is refused on the field before anything is sent.
  await form.getByLabel("Migrations at once per host").fill("0");
  await form.getByLabel("Default bandwidth (MiB/s)").fill("50");
  await form.getByRole("checkbox", { name: /Auto-converge every live migration/ }).check();
  // Balancing: a threshold over 100 % is refused on its field too.
  await form.getByLabel("Busy above (% of a host's CPUs)").fill("120");
  await form.getByRole("button", { name: "Create cluster" }).click();
  await expect(form.getByText("0 (off) to 100 %")).toBeVisible();
  await form.getByLabel("Busy above (% of a host's CPUs)").fill("80");
  await expect(form.getByText("At least 1 migration at once")).toBeVisible();
  await form.getByLabel("Migrations at once per host").fill("1");
  await form.getByRole("button", { name: "Create cluster" }).click();
  await expect(page.getByRole("heading", { name: `Cluster ${clusterName}` })).toBeVisible();
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings.getByLabel("Migrations at once per host")).toHaveValue("1");
  await expect(settings.getByLabel("Default bandwidth (MiB/s)")).toHaveValue("50");
  await expect(settings.getByRole("checkbox", { name: /Auto-converge every live migration/ })).toBeChecked();
  await expect(page.getByRole("region", { name: "Balancing" })).toContainText(
    "a member whose guests used more than 80 % of its CPUs for 10 minutes gets a move proposed.",
  );
  await expect(page.getByRole("region", { name: "Balancing" })).toContainText("No moves proposed.");
  await expect(page.getByText("No hosts yet: choose them below.")).toBeVisible();

  await page.getByRole("checkbox", { name: "localhost", exact: true }).check();
  await page.getByRole("checkbox", { name: "clusters-peer", exact: true }).check();
  await page.getByRole("button", { name: "Save members" }).click();

  const fitness = page.getByRole("list", { name: "Member fitness" });
  await expect(fitness.getByRole("listitem").filter({ hasText: "localhost" })).toHaveText(/^localhost\s*fit$/, { timeout: 60_000 });
  await expect(fitness.getByRole("listitem").filter({ hasText: "clusters-peer" })).toHaveText("clusters-peernot fit: no network “default”");
  // libvirt's baseline over both hosts: a named model, with when it was computed.
  await expect(page.getByTestId("baseline-model")).toHaveText(/^[A-Za-z0-9_.-]+$/);
  await expect(page.getByTestId("baseline-model")).not.toHaveText("none");

  // The list shows the cluster with its members and model.
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Clusters" }).click();
  await expect(page.getByRole("list", { name: "Clusters" }).getByRole("listitem").filter({ hasText: clusterName })).toContainText(
    "2 hosts",
  );
});
