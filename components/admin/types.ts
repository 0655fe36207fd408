// Shapes the admin API returns (see lib/server/users/list-users.ts and lib/server/list-audit-log.ts).
export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  source: string;
  providerName: string | null;
  twoFactor: boolean;
  grants: {
    id: string;
    role: string;
    scope: string;
    hostId: string | null;
    hostName: string | null;
    guestUuid: string | null;
    tag: string | null;
    providerId: string | null;
  }[];
};

export type AuditRow = {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  result: string;
  ip: string;
  /** "token:<id>:<name>" when the actor used an API token. */
  via: string;
};

export type AuditPage = { total: number; page: number; pageSize: number; rows: AuditRow[] };
