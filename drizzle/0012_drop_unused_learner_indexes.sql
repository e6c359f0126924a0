DROP INDEX `learners_team_idx`;--> statement-breakpoint
DROP INDEX `learners_manager_idx`;