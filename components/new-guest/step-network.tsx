"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { nicModels } from "@/lib/validations/new-guest";
import type { Draft } from "./draft";
import type { StepProps } from "./steps-source";
import { warn } from "./steps-resources";

/** An inactive network is flagged with a button that starts it (what the guest will need at Finish). */
function StartNetwork({ hostId, name, refresh }: { hostId: string; name: string; refresh: () => void }) {
  const start = useMutation({
    mutationFn: () => api(`/api/hosts/${encodeURIComponent(hostId)}/networks/${encodeURIComponent(name)}`, { body: { action: "start" } }),
    onSuccess: refresh,
  });
  return (
    <div className="space-y-2">
      {warn(`${name} is not active; the guest cannot start on it until it is.`)}
      <Button variant="secondary" disabled={start.isPending} onClick={() => start.mutate()}>
        {start.isPending ? "Starting…" : `Start ${name}`}
      </Button>
      {start.isError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {start.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** Step 5: virt-manager's network selection: a virtual network, a host bridge, macvtap, or none; the NIC model and MAC. */
export function NetworkStep({ draft, set, context, fields, refresh }: StepProps) {
  const chosen = context.networks.find((n) => n.name === draft.networkName);
  return (
    <div className="space-y-4">
      <Field label="Network source">
        <Select value={draft.networkType} onChange={(e) => set({ networkType: e.target.value as Draft["networkType"] })}>
          <option value="network">Virtual network</option>
          <option value="bridge">Bridge device (shared physical device)</option>
          <option value="direct">Macvtap device (host interface)</option>
          <option value="none">No network</option>
        </Select>
      </Field>
      {draft.networkType === "network" ? (
        <Field label="Virtual network" error={fields["network.name"]}>
          <Select value={draft.networkName} onChange={(e) => set({ networkName: e.target.value })}>
            {context.networks.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
                {n.active ? "" : " (inactive)"}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {chosen && !chosen.active && draft.networkType === "network" ? (
        <StartNetwork hostId={draft.hostId} name={chosen.name} refresh={refresh} />
      ) : null}
      {draft.networkType === "bridge" ? (
        <Field label="Device name" error={fields["network.bridge"]}>
          <Input value={draft.bridge} onChange={(e) => set({ bridge: e.target.value })} placeholder="br0" />
        </Field>
      ) : null}
      {draft.networkType === "direct" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Host interface" error={fields["network.dev"]}>
            <Select value={draft.directDev} onChange={(e) => set({ directDev: e.target.value })}>
              <option value="">Choose…</option>
              {context.hostInterfaces.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Source mode"
            hint="bridge: guests on the interface reach each other; the host itself cannot reach them"
            error={fields["network.mode"]}
          >
            <Select value={draft.directMode} onChange={(e) => set({ directMode: e.target.value as Draft["directMode"] })}>
              {(["bridge", "vepa", "private", "passthrough"] as const).map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ) : null}
      {draft.networkType !== "none" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Device model" error={fields.nicModel}>
            <Select value={draft.nicModel} onChange={(e) => set({ nicModel: e.target.value })}>
              <option value="">Chosen for the OS</option>
              {nicModels.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="MAC address" hint="Optional; libvirt picks one otherwise" error={fields.mac}>
            <Input value={draft.mac} onChange={(e) => set({ mac: e.target.value })} placeholder="52:54:00:…" />
          </Field>
        </div>
      ) : null}
    </div>
  );
}
