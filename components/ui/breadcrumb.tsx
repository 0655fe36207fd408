import Link from "next/link";

/** "Section / here": the way back to a list page, above a detail page's title. */
export function Breadcrumb({ href, label, children }: { href: string; label: string; children: React.ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
      <Link href={href} className="hover:underline">
        {label}
      </Link>{" "}
      / {children}
    </nav>
  );
}
