CREATE INDEX "outbox_challenge_idx" ON "outbox" USING btree ("challenge_id");--> statement-breakpoint
-- SPEC D1: rows kept from before the delivery state carry no expiry, so tidy() never blanked their codes and text
UPDATE "outbox" SET "text" = '', "code" = NULL WHERE "code" IS NOT NULL AND "expires_at" IS NULL AND "state" = 'delivered';
