-- Adoption reports read adoption_facts (0007); nothing reads this index any more, and it cost
-- one more index write per issued certificate.
DROP INDEX `certificates_analytics_idx`;