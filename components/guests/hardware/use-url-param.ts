"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** A search parameter as state, so a tab or page can be linked and survives a reload. null removes it. */
export function useUrlParam(name: string): [string | null, (value: string | null, also?: Record<string, string | null>) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const set = (value: string | null, also: Record<string, string | null> = {}) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries({ [name]: value, ...also })) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return [params.get(name), set];
}
