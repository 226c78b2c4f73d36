/**
 * 协同 numbers for 督办: referrals by kind and by receiving unit over a period (GET
 * /api/referrals/stats). Aggregates only — never a child.
 */
import { z } from 'zod';
import { DateStr } from './casework.js';

export const ReferralStatsQuery = z.object({
  /** First day of the period (default: 89 days before `to`). */
  from: DateStr.optional(),
  /** Last day of the period (default: today). */
  to: DateStr.optional(),
  /** One street (plan.read.all only; a street office always sees its own). */
  street: z.string().max(32).optional(),
});
export type ReferralStatsQuery = z.infer<typeof ReferralStatsQuery>;

export const ReferralStatsRow = z.object({
  /** The kind's code or the receiving unit's code ('' for the total). */
  code: z.string(),
  name: z.string(),
  /** Sent in the period. */
  sent: z.number(),
  /** Of those sent, whose acknowledgement deadline has passed or who were acknowledged. */
  ackDue: z.number(),
  /** Of those, acknowledged by the deadline. */
  ackOnTime: z.number(),
  /** ackOnTime / ackDue in percent (one decimal); null without any. */
  ackRate: z.number().nullable(),
  /** Completed (办结) in the period. */
  completed: z.number(),
  /** Median calendar days from sending to completion of those completed in the period. */
  medianDays: z.number().nullable(),
  /** Open now and past a deadline (acknowledgement or completion). */
  overdueNow: z.number(),
});
export type ReferralStatsRow = z.infer<typeof ReferralStatsRow>;

export const ReferralStats = z.object({
  from: z.string(),
  to: z.string(),
  /** What the figures cover: the district, one street (the child's), or the caller's own unit as receiver. */
  scope: z.enum(['district', 'street', 'unit']),
  street: z.object({ code: z.string(), name: z.string() }).nullable(),
  total: ReferralStatsRow,
  byKind: z.array(ReferralStatsRow),
  byUnit: z.array(ReferralStatsRow),
});
export type ReferralStats = z.infer<typeof ReferralStats>;
