import type { Metadata } from "next";
import { IdentityAdmin } from "@/components/admin/identity-admin";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sign-in providers" };

export default function SignInProvidersPage() {
  return (
    <>
      <PageHeader
        title="Sign-in providers"
        description="OpenID Connect providers and LDAP or Active Directory servers people sign in through; their groups give roles. Local accounts keep working."
      />
      <IdentityAdmin />
    </>
  );
}
