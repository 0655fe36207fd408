"use client";

import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { useState } from "react";
import { ApiRequestError } from "@/lib/client/api";
import type { DhcpHostEntry, DnsHostEntry, NetworkDetailResponse } from "@/lib/networks/types";
import { networkEditSchema, type NetworkEdit } from "@/lib/validations/networks";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { Cell, Row, Table } from "@/components/ui/table";
import { useNetworkActions } from "./use-network-actions";

type Values = Record<string, string>;
type ListSpec<E> = {
  title: string;
  hint: string;
  entries: E[];
  columns: { label: string; value: (e: E) => string }[];
  /** The add form's fields; their keys are the edit's field names, so server messages land on them. */
  fields: { key: string; label: string; placeholder?: string }[];
  toEdit: (op: "add" | "delete", values: Values) => unknown;
  toValues: (e: E) => Values;
};

/** One list libvirt lets us change on the running network: its entries with Remove, and a form to add one. */
function EditableList<E>({
  spec,
  canManage,
  apply,
}: {
  spec: ListSpec<E>;
  canManage: boolean;
  apply: (edit: NetworkEdit) => Promise<unknown>;
}) {
  const t = useTranslations("networks.live");
  const issueText = useIssueText();
  const toast = useToast();
  const blank = Object.fromEntries(spec.fields.map((f) => [f.key, ""]));
  const [values, setValues] = useState<Values>(blank);
  const [errors, setErrors] = useState<Values>({});
  const [busy, setBusy] = useState(false);
  const run = async (op: "add" | "delete", v: Values) => {
    const parsed = networkEditSchema.safeParse(spec.toEdit(op, v));
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "_"), issueText(i)])));
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await apply(parsed.data);
      toast.success(op === "add" ? t("added", { list: spec.title }) : t("removed", { list: spec.title }));
      if (op === "add") setValues(blank);
    } catch (e) {
      if (e instanceof ApiRequestError && Object.keys(e.fields).length) setErrors(e.fields);
      toast.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      aria-label={spec.title}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h3 className="text-sm font-semibold">{spec.title}</h3>
      <p className="text-xs text-slate-500">{spec.hint}</p>
      {spec.entries.length === 0 ? (
        <p className="text-sm text-slate-500">{t("none")}</p>
      ) : (
        <Table
          label={spec.title}
          variant="plain"
          columns={[...spec.columns.map((c) => ({ label: c.label })), ...(canManage ? [{ label: t("actions"), hidden: true }] : [])]}
        >
          {spec.entries.map((e, i) => (
            <Row key={i}>
              {spec.columns.map((c) => (
                <Cell key={c.label} className="font-mono text-xs">
                  {c.value(e) || "—"}
                </Cell>
              ))}
              {canManage ? (
                <Cell className="text-right">
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    disabled={busy}
                    aria-label={t("removeNamed", {
                      entry: spec.columns
                        .map((c) => c.value(e))
                        .filter(Boolean)
                        .join(" "),
                    })}
                    onClick={() => void run("delete", spec.toValues(e))}
                  >
                    {t("remove")}
                  </Button>
                </Cell>
              ) : null}
            </Row>
          ))}
        </Table>
      )}
      {canManage ? (
        <form
          className="flex flex-wrap items-start gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run("add", values);
          }}
        >
          {spec.fields.map((f) => (
            <Field key={f.key} label={f.label} error={errors[f.key]}>
              <Input
                value={values[f.key]}
                placeholder={f.placeholder}
                onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                className="font-mono"
              />
            </Field>
          ))}
          <Button type="submit" variant="secondary" className="mt-6" disabled={busy}>
            {t("add")}
          </Button>
          {errors._ || errors.family ? <p className="w-full text-sm text-red-600">{errors._ ?? errors.family}</p> : null}
        </form>
      ) : null}
    </section>
  );
}

const splitNames = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Static DHCP hosts, DHCP ranges and DNS hosts: what libvirt changes without restarting the network. */
export function NetworkLiveEdits({ hostId, detail, canManage }: { hostId: string; detail: NetworkDetailResponse; canManage: boolean }) {
  const t = useTranslations("networks.live");
  const { edit } = useNetworkActions(hostId);
  const { network } = detail;
  const apply = (change: NetworkEdit) => edit.mutateAsync({ name: network.name, edit: change });
  const live = network.active ? t("appliesNow") : t("appliesAtStart");
  const lists: React.ReactNode[] = [];
  const add = <E,>(spec: ListSpec<E>) => lists.push(<EditableList key={spec.title} spec={spec} canManage={canManage} apply={apply} />);
  for (const family of ["ipv4", "ipv6"] as const) {
    const addressing = network[family];
    if (!addressing) continue;
    const d = family === "ipv4" ? "DHCPv4" : "DHCPv6";
    const byMac = family === "ipv4";
    add<DhcpHostEntry>({
      title: t("staticHosts", { dhcp: d }),
      hint: byMac ? t("byMac", { live }) : t("byName", { live }),
      entries: addressing.hosts,
      columns: [
        ...(byMac ? [{ label: t("mac"), value: (h: DhcpHostEntry) => h.mac ?? "" }] : []),
        { label: t("name"), value: (h) => h.name ?? "" },
        { label: t("address"), value: (h) => h.ip },
      ],
      fields: [
        ...(byMac ? [{ key: "mac", label: t("macAddress"), placeholder: "52:54:00:12:34:56" }] : []),
        { key: "name", label: t("hostName") },
        { key: "ip", label: t("address") },
      ],
      toEdit: (op, v) => ({ kind: "dhcp-host", op, family, mac: v.mac ?? "", name: v.name, ip: v.ip }),
      toValues: (h) => ({ mac: h.mac ?? "", name: h.name ?? "", ip: h.ip }),
    });
    add<{ start: string; end: string }>({
      title: t("ranges", { dhcp: d }),
      hint: t("rangesHint", { live }),
      entries: addressing.dhcpRanges,
      columns: [
        { label: t("start"), value: (r) => r.start },
        { label: t("end"), value: (r) => r.end },
      ],
      fields: [
        { key: "start", label: t("start") },
        { key: "end", label: t("end") },
      ],
      toEdit: (op, v) => ({ kind: "dhcp-range", op, family, start: v.start, end: v.end }),
      toValues: (r) => r,
    });
  }
  if (network.ipv4 || network.ipv6) {
    add<DnsHostEntry>({
      title: t("dnsHosts"),
      hint: t("dnsHostsHint", { live }),
      entries: detail.dnsHosts,
      columns: [
        { label: t("address"), value: (h) => h.ip },
        { label: t("hostNames"), value: (h) => h.hostnames.join(", ") },
      ],
      fields: [
        { key: "ip", label: t("address") },
        { key: "hostnames", label: t("hostNames"), placeholder: "db db.lab" },
      ],
      toEdit: (op, v) => ({ kind: "dns-host", op, ip: v.ip, hostnames: splitNames(v.hostnames) }),
      toValues: (h) => ({ ip: h.ip, hostnames: h.hostnames.join(" ") }),
    });
  }
  return lists.length ? <div className="grid gap-4 lg:grid-cols-2">{lists}</div> : null;
}
