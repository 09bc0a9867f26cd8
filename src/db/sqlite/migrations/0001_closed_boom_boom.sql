CREATE TABLE `flow_summary` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`step` text NOT NULL,
	`outcome` text NOT NULL,
	`day` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `flow_summary_kind_day_idx` ON `flow_summary` (`kind`,`day`);--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_log` (`subject`,`at`);