ALTER TABLE `challenge` ADD `delivery_failed_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `state` text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `next_attempt_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `last_error` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `finished_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `challenge_id` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `expires_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_channel_finished_idx` ON `outbox` (`channel`,`finished_at`);--> statement-breakpoint
UPDATE `outbox` SET `state` = 'delivered', `finished_at` = `created_at`;