// What a flow row's `data` may hold, as one valibot schema parsed whenever a flow is loaded (an unreadable row is a dead flow).
import * as v from 'valibot';
import type { FlowRow } from '../db/contract.js';

const CardLabelSchema = v.object({ cardName: v.string(), last4: v.string() });
const MaskedEmailSchema = v.object({ masked: v.string(), parts: v.object({ first: v.string(), host: v.string(), tld: v.string() }) });

/**
 * Issue 19 item 8: what the commit of a migration or new My ID does — the My ID, the cards linked and those left separate,
 * the cards' registered email ('kept', or changed from the card's address, masked as it comes from the record), the My IDs
 * closed (masked). Shown on the password page before the commit, and kept in the flow for the done page.
 */
export const CommitFactsSchema = v.object({
  myId: v.string(),
  linked: v.array(CardLabelSchema),
  separate: v.array(CardLabelSchema),
  cardEmail: v.union([v.literal('kept'), v.object({ from: v.nullable(MaskedEmailSchema) })]),
  closing: v.array(MaskedEmailSchema),
});
export type CommitFacts = v.InferOutput<typeof CommitFactsSchema>;

export const FlowDataSchema = v.object({
  /** SPEC T4: the terms version accepted in the flow, recorded on the account it creates. */
  termsVersion: v.optional(v.string()),
  /** SPEC M2: はい on a card email that is already a My ID; M3 says so. */
  cardEmailTaken: v.optional(v.boolean()),
  /** SPEC M2: the card's email was kept, so no card address is replaced (issue 19: the replaced one is told). */
  keptCardEmail: v.optional(v.boolean()),
  /** SPEC M6: which registered phone, and how, the last code went to. */
  phone: v.optional(v.object({ index: v.pipe(v.number(), v.integer(), v.minValue(0)), channel: v.picklist(['sms', 'voice']) })),
  /** SPEC R1/L6: whose wrong codes a reset counts (an unknown address has a stable ghost account). */
  subject: v.optional(v.custom<`holder:${number}` | `account:${number}`>((s) => typeof s === 'string' && /^(holder|account):-?\d+$/.test(s))),
  /** SPEC §3: the steps actually taken, for the step indicator. */
  path: v.optional(v.array(v.string())),
  /** Issue 19 item 8: what the completion did, for the done page. */
  committed: v.optional(CommitFactsSchema),
});

export type FlowData = v.InferOutput<typeof FlowDataSchema>;

/** A flow as the handlers see it: its data read by the schema. */
export type Flow = Omit<FlowRow, 'data'> & { data: FlowData };

/** The row with its data parsed, or undefined when the data is not what any version of the portal wrote. */
export function readFlow(row: FlowRow): Flow | undefined {
  const data = v.safeParse(FlowDataSchema, row.data);
  return data.success ? { ...row, data: data.output } : undefined;
}
