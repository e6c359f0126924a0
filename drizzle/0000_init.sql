CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`prefix` text NOT NULL,
	`secret_hash` text NOT NULL,
	`name` text NOT NULL,
	`scope` text NOT NULL,
	`usage_source_id` text,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_prefix_unique` ON `api_keys` (`prefix`);--> statement-breakpoint
CREATE INDEX `api_keys_tenant_idx` ON `api_keys` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`number` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`course_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`learner_name` text NOT NULL,
	`learner_locale` text,
	`course_name` text NOT NULL,
	`completed_at` text NOT NULL,
	`issued_at` text NOT NULL,
	`valid_until` text,
	`event_id` text,
	`revoked_at` text,
	`revocation_reason` text,
	`status_list_id` text NOT NULL,
	`status_index` integer NOT NULL,
	`credential_json` text NOT NULL,
	`credential_jwt` text NOT NULL,
	`signing_key_id` text NOT NULL,
	`usage_hidden` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_once_per_learner` ON `certificates` (`tenant_id`,`course_id`,`learner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_status_slot` ON `certificates` (`tenant_id`,`status_list_id`,`status_index`);--> statement-breakpoint
CREATE INDEX `certificates_tenant_number_idx` ON `certificates` (`tenant_id`,`number`);--> statement-breakpoint
CREATE INDEX `certificates_tenant_learner_idx` ON `certificates` (`tenant_id`,`learner_id`);--> statement-breakpoint
CREATE INDEX `certificates_tenant_course_completed_idx` ON `certificates` (`tenant_id`,`course_id`,`completed_at`);--> statement-breakpoint
CREATE TABLE `courses` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`criteria` text NOT NULL,
	`validity_months` integer,
	`image` text,
	`usage` text,
	`adoption_target` real,
	`minutes_saved_per_active_day` real,
	`hourly_cost` real,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`certificate_number` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `key`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `learners` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`email_sha1` text,
	`locale` text,
	`team` text,
	`manager_id` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `learners_email_idx` ON `learners` (`tenant_id`,`email`);--> statement-breakpoint
CREATE INDEX `learners_email_sha1_idx` ON `learners` (`tenant_id`,`email_sha1`);--> statement-breakpoint
CREATE INDEX `learners_team_idx` ON `learners` (`tenant_id`,`team`);--> statement-breakpoint
CREATE INDEX `learners_manager_idx` ON `learners` (`tenant_id`,`manager_id`);--> statement-breakpoint
CREATE TABLE `pdf_cache` (
	`number` text NOT NULL,
	`language` text NOT NULL,
	`template_version` text NOT NULL,
	`etag` text NOT NULL,
	`bytes` blob NOT NULL,
	PRIMARY KEY(`number`, `language`, `template_version`)
);
--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`tenant_id` text NOT NULL,
	`key_id` text NOT NULL,
	`public_key_multibase` text NOT NULL,
	`secret_key_enc` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text,
	PRIMARY KEY(`tenant_id`, `key_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `status_lists` (
	`tenant_id` text NOT NULL,
	`list_id` text NOT NULL,
	`size` integer NOT NULL,
	`allocated` integer DEFAULT 0 NOT NULL,
	`credential_json` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `list_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`webhook_secret_enc` text NOT NULL,
	`branding` text DEFAULT '{}' NOT NULL,
	`logo` blob,
	`logo_type` text,
	`usage_public` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_unique` ON `tenants` (`slug`);--> statement-breakpoint
CREATE TABLE `usage_days` (
	`tenant_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`course_id` text NOT NULL,
	`day` text NOT NULL,
	`statements` integer NOT NULL,
	`source_id` text,
	PRIMARY KEY(`tenant_id`, `learner_id`, `course_id`, `day`)
);
--> statement-breakpoint
CREATE INDEX `usage_days_course_day_idx` ON `usage_days` (`tenant_id`,`course_id`,`day`);--> statement-breakpoint
CREATE TABLE `usage_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `usage_sources_tenant_idx` ON `usage_sources` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `usage_statements` (
	`tenant_id` text NOT NULL,
	`id_hash` text NOT NULL,
	`content_hash` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id_hash`)
);
