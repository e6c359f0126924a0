DROP INDEX `certificates_tenant_number_idx`;--> statement-breakpoint
CREATE INDEX `certificates_tenant_issued_idx` ON `certificates` (`tenant_id`,`issued_at`,`number`);