ALTER TABLE `notice` ADD `body_ja` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `notice` ADD `body_en` text DEFAULT '' NOT NULL;