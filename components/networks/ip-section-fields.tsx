"use client";

import { useTranslations } from "next-intl";
import type { IpFamily } from "@/lib/networks/addresses";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { hostAddressText, suggestedRange, type HostV4, type HostV6, type SectionValues } from "./wizard-model";

const EXAMPLE_NETWORK: Record<IpFamily, string> = { ipv4: "192.168.100.0/24", ipv6: "fd00:100::/64" };

type Props<H extends HostV4 | HostV6> = {
  family: IpFamily;
  value: SectionValues<H>;
  onChange: (next: SectionValues<H>) => void;
  /** Field messages keyed like the schema's paths ("ipv4.dhcpStart"). */
  errors: Record<string, string>;
  /** A live warning for the network field (another network uses the subnet). */
  overlap: string | null;
  newHost: () => H;
};

export function Check({
  label,
  checked,
  onChange,
  error,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  return (
    <div>
      <label className="inline-flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {error ? <span className="block text-sm text-red-600 dark:text-red-400">{error}</span> : null}
    </div>
  );
}

/** virt-manager's "IPv4/IPv6 configuration": network, DHCP range, and static hosts (by MAC for IPv4, by name for IPv6). */
export function IpSectionFields<H extends HostV4 | HostV6>({ family, value, onChange, errors, overlap, newHost }: Props<H>) {
  const t = useTranslations("networks.wizard");
  const v = family === "ipv4" ? "IPv4" : "IPv6";
  const d = family === "ipv4" ? "DHCPv4" : "DHCPv6";
  const at = (field: string) => errors[`${family}.${field}`];
  const set = (patch: Partial<SectionValues<H>>) => onChange({ ...value, ...patch });
  const setNetwork = (network: string) => {
    // Like virt-manager: a new network moves the DHCP range along with it.
    const range = suggestedRange(family, network);
    set(range ? { network, dhcpStart: range.start, dhcpEnd: range.end } : { network });
  };
  const setHost = (i: number, patch: Partial<HostV4>) =>
    set({ hosts: value.hosts.map((h, j) => (j === i ? ({ ...h, ...patch } as H) : h)) });
  const host = hostAddressText(family, value.network);
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <legend className="px-1 text-sm font-semibold">{t("configuration", { family: v })}</legend>
      <Check label={t("enable", { family: v })} checked={value.enabled} onChange={(enabled) => set({ enabled })} error={at("enabled")} />
      {value.enabled ? (
        <>
          <Field
            label={t("network", { family: v })}
            error={at("network") ?? overlap ?? undefined}
            hint={host ? t("hostTakes", { address: host }) : family === "ipv4" ? t("ipv4Example") : t("ipv6Example")}
          >
            <Input
              value={value.network}
              onChange={(e) => setNetwork(e.target.value)}
              placeholder={EXAMPLE_NETWORK[family]}
              className="font-mono"
            />
          </Field>
          <Check label={t("enable", { family: d })} checked={value.dhcp} onChange={(dhcp) => set({ dhcp })} />
          {value.dhcp ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t("dhcpStart", { dhcp: d })} error={at("dhcpStart")}>
                <Input value={value.dhcpStart} onChange={(e) => set({ dhcpStart: e.target.value })} className="font-mono" />
              </Field>
              <Field label={t("dhcpEnd", { dhcp: d })} error={at("dhcpEnd")}>
                <Input value={value.dhcpEnd} onChange={(e) => set({ dhcpEnd: e.target.value })} className="font-mono" />
              </Field>
            </div>
          ) : null}
          <div className="space-y-2">
            <p className="text-sm font-medium">{t("staticHosts", { dhcp: d })}</p>
            {value.hosts.map((h, i) => (
              <div key={i} className="flex flex-wrap items-start gap-2" data-testid={`${family}-static-host`}>
                {"mac" in h ? (
                  <Field label={t("hostMac", { family: v, number: i + 1 })} error={at(`hosts.${i}.mac`)}>
                    <Input
                      value={h.mac}
                      onChange={(e) => setHost(i, { mac: e.target.value })}
                      placeholder="52:54:00:12:34:56"
                      className="font-mono"
                    />
                  </Field>
                ) : null}
                <Field label={t("hostName", { family: v, number: i + 1 })} error={at(`hosts.${i}.name`)}>
                  <Input value={h.name} onChange={(e) => setHost(i, { name: e.target.value })} />
                </Field>
                <Field label={t("hostAddress", { family: v, number: i + 1 })} error={at(`hosts.${i}.ip`)}>
                  <Input value={h.ip} onChange={(e) => setHost(i, { ip: e.target.value })} className="font-mono" />
                </Field>
                <Button
                  type="button"
                  variant="ghost"
                  className="mt-6"
                  onClick={() => set({ hosts: value.hosts.filter((_, j) => j !== i) })}
                >
                  {t("remove")}
                </Button>
              </div>
            ))}
            <Button type="button" variant="secondary" onClick={() => set({ hosts: [...value.hosts, newHost()] })}>
              {t("addStaticHost", { family: v })}
            </Button>
          </div>
        </>
      ) : null}
    </fieldset>
  );
}
