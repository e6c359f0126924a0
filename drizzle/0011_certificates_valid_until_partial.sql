DROP INDEX `certificates_valid_until_idx`;--> statement-breakpoint
CREATE INDEX `certificates_valid_until_idx` ON `certificates` (`valid_until`) WHERE "certificates"."valid_until" IS NOT NULL;