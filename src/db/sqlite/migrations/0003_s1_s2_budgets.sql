CREATE TABLE `address_submission` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject` text NOT NULL,
	`flow_id` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `address_submission_subject_idx` ON `address_submission` (`subject`,`at`);--> statement-breakpoint
CREATE INDEX `address_submission_flow_idx` ON `address_submission` (`flow_id`);--> statement-breakpoint
CREATE TABLE `code_budget` (
	`subject` text NOT NULL,
	`purpose` text NOT NULL,
	`kind` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`closed_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`subject`, `purpose`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `code_failure_time` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject` text NOT NULL,
	`purpose` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `code_failure_time_key_idx` ON `code_failure_time` (`subject`,`purpose`,`kind`,`at`);--> statement-breakpoint
CREATE INDEX `code_failure_time_at_idx` ON `code_failure_time` (`at`);