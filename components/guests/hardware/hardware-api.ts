"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { HardwareChangeResult, HardwareChoices, HardwareResponse } from "@/lib/guests/hardware/types";
import { useToast } from "@/components/ui/toast";

export type GuestRef = { hostId: string; uuid: string };

const guestBase = ({ hostId, uuid }: GuestRef) => `/api/hosts/${encodeURIComponent(hostId)}/guests/${encodeURIComponent(uuid)}`;
export const hardwarePath = (g: GuestRef, rest = "") => `${guestBase(g)}/hardware${rest}`;
export const devicePath = (g: GuestRef, key: string, rest = "") => hardwarePath(g, `/devices/${encodeURIComponent(key)}${rest}`);
export const xmlPath = (g: GuestRef) => `${guestBase(g)}/xml`;

// Under the guest's key, so a live event for the guest (or invalidating the guest) re-reads them too.
export const hardwareKeys = {
  hardware: (g: GuestRef) => [...queryKeys.guest(g.hostId, g.uuid), "hardware"] as const,
  xml: (g: GuestRef) => [...queryKeys.guest(g.hostId, g.uuid), "xml"] as const,
  /** Host-wide option lists; not tied to one guest's events. */
  choices: (g: GuestRef) => ["hardware-choices", g.hostId] as const,
};

export function useHardware(g: GuestRef) {
  return useQuery({ queryKey: hardwareKeys.hardware(g), queryFn: () => api<HardwareResponse>(hardwarePath(g)) });
}

const emptyChoices: HardwareChoices = {
  networks: [],
  bridges: [],
  hostInterfaces: [],
  pools: [],
  volumes: [],
  isoVolumes: [],
  usbDevices: [],
  pciDevices: [],
};

/** The host's option lists for `choices` selects; empty lists while loading or when the endpoint fails, so forms still render. */
export function useHardwareChoices(g: GuestRef, enabled: boolean) {
  const q = useQuery({
    queryKey: hardwareKeys.choices(g),
    queryFn: () => api<HardwareChoices>(hardwarePath(g, "/choices")),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
  return { choices: { ...emptyChoices, ...q.data }, error: q.error };
}

export type ChangeRequest = {
  path: string;
  method: "POST" | "PATCH" | "DELETE" | "PUT";
  body: Record<string, unknown>;
  /** Toast after success, e.g. "Memory saved". */
  done: string;
};

/** What the last change left to say on the page (success goes to a toast instead). */
export type ChangeNotice =
  | { kind: "next-boot"; message: string }
  | { kind: "offer"; message: string; action: string; retry: ChangeRequest }
  | { kind: "conflict"; message: string };

/**
 * Sends hardware changes and turns their outcomes into what the page shows: a toast when applied,
 * a notice when the change waits for shutdown, libvirt's refusal with a "next boot only" retry, or a
 * conflict (someone changed the guest first) followed by a re-read.
 */
export function useHardwareChange(g: GuestRef) {
  const t = useTranslations("hardware.notice");
  const tNote = useTranslations("hardwareNextBoot");
  const queryClient = useQueryClient();
  const toast = useToast();
  const [notice, setNotice] = useState<ChangeNotice | null>(null);
  // Busy until the re-read lands too: pages remount on the new etag, and a click in between would act on the old one.
  const [refreshing, setRefreshing] = useState(false);
  const mutation = useMutation({
    mutationFn: (req: ChangeRequest) => api<Partial<HardwareChangeResult>>(req.path, { method: req.method, body: req.body }),
  });

  const refresh = async () => {
    setRefreshing(true);
    try {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: hardwareKeys.hardware(g) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.guest(g.hostId, g.uuid) }),
      ]);
    } finally {
      setRefreshing(false);
    }
  };

  /** Resolves true when the change was saved; `onError` gets other failures (field messages) or they become a toast. */
  async function submit(req: ChangeRequest, onError?: (e: unknown) => string): Promise<boolean> {
    setNotice(null);
    try {
      const result = await mutation.mutateAsync(req);
      if (result.live === "next-boot")
        setNotice({
          kind: "next-boot",
          message: t("savedNextBoot", { reason: result.liveNote ? tNote(result.liveNote) : (result.liveError ?? t("notApplied")) }),
        });
      else toast.success(result.live === "applied" ? t("appliedLive", { done: req.done }) : req.done);
      await refresh();
      return true;
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 409) {
        if (e.fields.persistentOnly) {
          const action = req.method === "DELETE" ? t("removeNextBoot") : t("addNextBoot");
          setNotice({ kind: "offer", message: e.message, action, retry: { ...req, body: { ...req.body, persistentOnly: true } } });
        } else {
          setNotice({ kind: "conflict", message: e.message });
          await refresh();
        }
        return false;
      }
      const message = onError ? onError(e) : e instanceof Error ? e.message : t("unreachable");
      toast.error(message);
      return false;
    }
  }

  return { submit, notice, dismiss: () => setNotice(null), busy: mutation.isPending || refreshing };
}

export type HardwareChange = ReturnType<typeof useHardwareChange>;

/** What every section page gets from the tab. */
export type SectionProps = { g: GuestRef; hw: HardwareResponse; canManage: boolean; change: HardwareChange };
