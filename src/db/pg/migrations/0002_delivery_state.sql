ALTER TABLE "challenge" ADD COLUMN "delivery_failed_at" bigint;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "state" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lease_until" bigint;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "finished_at" bigint;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "challenge_id" integer;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "expires_at" bigint;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_channel_finished_idx" ON "outbox" USING btree ("channel","finished_at");--> statement-breakpoint
UPDATE "outbox" SET "state" = 'delivered', "finished_at" = "created_at";