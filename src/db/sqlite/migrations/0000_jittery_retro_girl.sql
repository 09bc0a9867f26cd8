CREATE TABLE `account_card` (
	`account_id` integer NOT NULL,
	`card_id` integer NOT NULL,
	`linked_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `card_id`),
	FOREIGN KEY (`account_id`) REFERENCES `account`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`card_id`) REFERENCES `card`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_card_card_id_unique` ON `account_card` (`card_id`);--> statement-breakpoint
CREATE TABLE `account` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`holder_id` integer NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`terms_version` text NOT NULL,
	`created_at` integer NOT NULL,
	`password_changed_at` integer NOT NULL,
	`last_sign_in_at` integer,
	`previous_sign_in_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`holder_id`) REFERENCES `holder`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_open_email_uq` ON `account` (`email`) WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX `account_holder_idx` ON `account` (`holder_id`);--> statement-breakpoint
CREATE TABLE `address_throttle` (
	`address` text PRIMARY KEY NOT NULL,
	`window_started_at` integer NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`event` text NOT NULL,
	`account_id` integer,
	`subject` text,
	`address` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `card` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`holder_id` integer NOT NULL,
	`number_hash` text NOT NULL,
	`last4` text NOT NULL,
	`card_name` text NOT NULL,
	`email` text,
	`payment_date` text,
	`confirmed_amount` integer,
	`points` integer,
	FOREIGN KEY (`holder_id`) REFERENCES `holder`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_number_hash_unique` ON `card` (`number_hash`);--> statement-breakpoint
CREATE INDEX `card_holder_idx` ON `card` (`holder_id`);--> statement-breakpoint
CREATE TABLE `challenge` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`flow_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`channel` text NOT NULL,
	`destination_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`replaced_at` integer,
	FOREIGN KEY (`flow_id`) REFERENCES `flow`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `challenge_flow_idx` ON `challenge` (`flow_id`,`purpose`);--> statement-breakpoint
CREATE INDEX `challenge_destination_idx` ON `challenge` (`destination_hash`,`created_at`);--> statement-breakpoint
CREATE TABLE `code_failure` (
	`subject` text NOT NULL,
	`purpose` text NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`subject`, `purpose`)
);
--> statement-breakpoint
CREATE TABLE `credential` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`card_id` integer NOT NULL,
	`kind` text NOT NULL,
	`login_id` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`retired_at` integer,
	FOREIGN KEY (`card_id`) REFERENCES `card`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credential_login_id_unique` ON `credential` (`login_id`);--> statement-breakpoint
CREATE INDEX `credential_card_idx` ON `credential` (`card_id`);--> statement-breakpoint
CREATE TABLE `flow` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`kind` text NOT NULL,
	`step` text NOT NULL,
	`holder_id` integer,
	`card_id` integer,
	`credential_id` integer,
	`account_id` integer,
	`email` text,
	`data` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`holder_id`) REFERENCES `holder`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`card_id`) REFERENCES `card`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credential_id`) REFERENCES `credential`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `account`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flow_token_hash_unique` ON `flow` (`token_hash`);--> statement-breakpoint
CREATE TABLE `holder` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`holder_key` text NOT NULL,
	`name` text NOT NULL,
	`name_kana` text DEFAULT '' NOT NULL,
	`name_roman` text DEFAULT '' NOT NULL,
	`birthdate` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holder_holder_key_unique` ON `holder` (`holder_key`);--> statement-breakpoint
CREATE TABLE `notice` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title_ja` text NOT NULL,
	`title_en` text NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `phone` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`holder_id` integer NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`holder_id`) REFERENCES `holder`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `phone_holder_idx` ON `phone` (`holder_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `phone_holder_number_uq` ON `phone` (`holder_id`,`number`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`account_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `account`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_token_hash_unique` ON `session` (`token_hash`);--> statement-breakpoint
CREATE INDEX `session_account_idx` ON `session` (`account_id`);--> statement-breakpoint
CREATE TABLE `sign_in_attempt` (
	`identifier_hash` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`locked_at` integer,
	`updated_at` integer NOT NULL
);
