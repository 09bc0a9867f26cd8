ALTER TABLE `address_throttle` ADD `refused_at` integer;--> statement-breakpoint
ALTER TABLE `challenge` ADD `requester` text;--> statement-breakpoint
CREATE INDEX `challenge_flow_created_idx` ON `challenge` (`flow_id`,`created_at`);