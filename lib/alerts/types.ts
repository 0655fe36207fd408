// Shared by server and browser: the alerts page's data (GET /api/alerts).
import type { RuleScope } from "./scopes";

export type AlertRuleView = {
  id: string;
  name: string;
  kind: "metric" | "event" | "forecast";
  target: string;
  comparison: "above" | "below";
  level: number;
  durationMinutes: number;
  scope: RuleScope;
  hostId: string | null;
  guestUuid: string | null;
  pool: string | null;
  tag: string | null;
  enabled: boolean;
  webhookUrl: string | null;
  /** Whether a webhook key is stored (the key itself never leaves the server). */
  webhookSigned: boolean;
  createdBy: string;
  /** The e-mail address the person reading gets this rule's alerts at, if they chose to. */
  myEmail: string | null;
};

export type AlertView = {
  id: string;
  ruleId: string;
  ruleName: string;
  subject: string;
  hostId: string | null;
  guestUuid: string | null;
  status: "firing" | "resolved";
  message: string;
  value: number | null;
  firedAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  silencedUntil: string | null;
};

export type AlertsResponse = { rules: AlertRuleView[]; active: AlertView[]; history: AlertView[]; canManage: boolean };
