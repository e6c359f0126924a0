CREATE TABLE `adoption_facts` (
	`tenant_id` text NOT NULL,
	`course_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`completed_day` text NOT NULL,
	`revoked` integer NOT NULL,
	`first_use` integer,
	`last_use` integer,
	`hit30` integer NOT NULL,
	`hit60` integer NOT NULL,
	`hit90` integer NOT NULL,
	`active_days` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `course_id`, `learner_id`)
);
--> statement-breakpoint
-- Back-fill: one row per existing certificate from the usage days already stored (the same
-- arithmetic as the triggers below). Offsets are whole days after the completion day; the windows
-- are the 7 days ending at day 30, 60 and 90.
INSERT INTO `adoption_facts` (`tenant_id`, `course_id`, `learner_id`, `completed_day`, `revoked`, `first_use`, `last_use`, `hit30`, `hit60`, `hit90`, `active_days`)
SELECT c.`tenant_id`, c.`course_id`, c.`learner_id`, substr(c.`completed_at`, 1, 10), c.`revoked_at` IS NOT NULL,
	min(CAST(julianday(u.`day`) - julianday(substr(c.`completed_at`, 1, 10)) AS INTEGER)), max(CAST(julianday(u.`day`) - julianday(substr(c.`completed_at`, 1, 10)) AS INTEGER)),
	coalesce(max(CAST(julianday(u.`day`) - julianday(substr(c.`completed_at`, 1, 10)) AS INTEGER) BETWEEN 24 AND 30), 0),
	coalesce(max(CAST(julianday(u.`day`) - julianday(substr(c.`completed_at`, 1, 10)) AS INTEGER) BETWEEN 54 AND 60), 0),
	coalesce(max(CAST(julianday(u.`day`) - julianday(substr(c.`completed_at`, 1, 10)) AS INTEGER) BETWEEN 84 AND 90), 0),
	count(u.`day`)
FROM `certificates` c
LEFT JOIN `usage_days` u ON u.`tenant_id` = c.`tenant_id` AND u.`learner_id` = c.`learner_id` AND u.`course_id` = c.`course_id`
	AND u.`day` >= substr(c.`completed_at`, 1, 10)
GROUP BY c.`number`;
--> statement-breakpoint
-- A new certificate: its facts from the usage days already stored (usage may arrive before the completion).
CREATE TRIGGER `adoption_facts_on_certificate` AFTER INSERT ON `certificates` BEGIN
	INSERT INTO `adoption_facts` (`tenant_id`, `course_id`, `learner_id`, `completed_day`, `revoked`, `first_use`, `last_use`, `hit30`, `hit60`, `hit90`, `active_days`)
	SELECT NEW.`tenant_id`, NEW.`course_id`, NEW.`learner_id`, substr(NEW.`completed_at`, 1, 10), NEW.`revoked_at` IS NOT NULL,
		min(`offset`), max(`offset`), coalesce(max(`offset` BETWEEN 24 AND 30), 0), coalesce(max(`offset` BETWEEN 54 AND 60), 0),
		coalesce(max(`offset` BETWEEN 84 AND 90), 0), count(*)
	FROM (
		SELECT CAST(julianday(`day`) - julianday(substr(NEW.`completed_at`, 1, 10)) AS INTEGER) AS `offset`
		FROM `usage_days`
		WHERE `tenant_id` = NEW.`tenant_id` AND `learner_id` = NEW.`learner_id` AND `course_id` = NEW.`course_id`
			AND `day` >= substr(NEW.`completed_at`, 1, 10)
	);
END;
--> statement-breakpoint
-- A new active day (AFTER INSERT does not fire when an upsert only adds statements to an existing day):
-- one primary-key update of the certificate's facts, if there is a certificate and the day is not before completion.
CREATE TRIGGER `adoption_facts_on_usage_day` AFTER INSERT ON `usage_days` BEGIN
	UPDATE `adoption_facts` SET
		`first_use` = min(coalesce(`first_use`, CAST(julianday(NEW.`day`) - julianday(`completed_day`) AS INTEGER)), CAST(julianday(NEW.`day`) - julianday(`completed_day`) AS INTEGER)),
		`last_use` = max(coalesce(`last_use`, CAST(julianday(NEW.`day`) - julianday(`completed_day`) AS INTEGER)), CAST(julianday(NEW.`day`) - julianday(`completed_day`) AS INTEGER)),
		`hit30` = `hit30` OR CAST(julianday(NEW.`day`) - julianday(`completed_day`) AS INTEGER) BETWEEN 24 AND 30,
		`hit60` = `hit60` OR CAST(julianday(NEW.`day`) - julianday(`completed_day`) AS INTEGER) BETWEEN 54 AND 60,
		`hit90` = `hit90` OR CAST(julianday(NEW.`day`) - julianday(`completed_day`) AS INTEGER) BETWEEN 84 AND 90,
		`active_days` = `active_days` + 1
	WHERE `tenant_id` = NEW.`tenant_id` AND `course_id` = NEW.`course_id` AND `learner_id` = NEW.`learner_id` AND `completed_day` <= NEW.`day`;
END;
--> statement-breakpoint
-- Revoking (or un-revoking) a certificate.
CREATE TRIGGER `adoption_facts_on_revocation` AFTER UPDATE OF `revoked_at` ON `certificates` BEGIN
	UPDATE `adoption_facts` SET `revoked` = NEW.`revoked_at` IS NOT NULL
	WHERE `tenant_id` = NEW.`tenant_id` AND `course_id` = NEW.`course_id` AND `learner_id` = NEW.`learner_id`;
END;
