-- Ingest appends accepted usage to a log file beside the database; a fold moves it into usage_days
-- and usage_statements in key order, in slices (src/usage/fold-usage-log.ts). This row records the
-- last folded log batch and the progress of a fold under way, updated in each slice's transaction.
CREATE TABLE `usage_log_folds` (
	`id` integer PRIMARY KEY NOT NULL,
	`folded_through` integer NOT NULL,
	`folding_through` integer,
	`fingerprints_done` integer DEFAULT 0 NOT NULL,
	`days_done` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `usage_log_folds` (`id`, `folded_through`) VALUES (1, 0);
