DROP INDEX `learners_email_idx`;--> statement-breakpoint
DROP INDEX `learners_email_sha1_idx`;--> statement-breakpoint
CREATE INDEX `learners_email_id_idx` ON `learners` (`tenant_id`,`email`,`id`);--> statement-breakpoint
CREATE INDEX `learners_email_sha1_id_idx` ON `learners` (`tenant_id`,`email_sha1`,`id`);