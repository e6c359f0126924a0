CREATE TABLE `issued_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`credential_id` text,
	`types` text NOT NULL,
	`subject_digest` text NOT NULL,
	`subject_json` text,
	`issuer` text NOT NULL,
	`verification_method` text NOT NULL,
	`status_list_id` text,
	`status_index` integer,
	`issued_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issued_credentials_status_slot` ON `issued_credentials` (`tenant_id`,`status_list_id`,`status_index`);--> statement-breakpoint
CREATE INDEX `issued_credentials_tenant_credential_idx` ON `issued_credentials` (`tenant_id`,`credential_id`);--> statement-breakpoint
CREATE INDEX `issued_credentials_tenant_issued_idx` ON `issued_credentials` (`tenant_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `oauth_clients` (
	`client_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `oauth_clients_tenant_idx` ON `oauth_clients` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `server_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`public_jwk` text NOT NULL,
	`private_jwk_enc` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
ALTER TABLE `tenants` ADD `issuer_identifier` text DEFAULT 'did:web' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `store_issued_subjects` integer DEFAULT false NOT NULL;