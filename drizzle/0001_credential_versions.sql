CREATE TABLE `credential_versions` (
	`number` text NOT NULL,
	`version` integer NOT NULL,
	`credential_json` text NOT NULL,
	`credential_jwt` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text,
	`superseded_at` text NOT NULL,
	PRIMARY KEY(`number`, `version`)
);
--> statement-breakpoint
ALTER TABLE `certificates` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `certificates_valid_until_idx` ON `certificates` (`valid_until`);