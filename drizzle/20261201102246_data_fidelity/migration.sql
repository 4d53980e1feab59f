ALTER TABLE `exchange_rates` ADD `kind` text DEFAULT 'MARKET' NOT NULL;--> statement-breakpoint
ALTER TABLE `investment_investors` ADD `share_minor` integer;--> statement-breakpoint
ALTER TABLE `partners` ADD `aliases` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `stated_gpu_total` integer;--> statement-breakpoint
ALTER TABLE `programs` ADD `stated_gpu_total_bound` text;--> statement-breakpoint
ALTER TABLE `programs` ADD `stated_capacity_after` integer;--> statement-breakpoint
ALTER TABLE `programs` ADD `stated_capacity_after_bound` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `missing_metadata_reason` text;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_exchange_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`base_currency` text NOT NULL,
	`quote_currency` text NOT NULL,
	`base_amount` text NOT NULL,
	`quote_amount` text NOT NULL,
	`as_of` text NOT NULL,
	`kind` text DEFAULT 'MARKET' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "exchange_rates_base_currency_check" CHECK(length("base_currency") = 3 AND "base_currency" NOT GLOB '*[^A-Z]*'),
	CONSTRAINT "exchange_rates_quote_currency_check" CHECK(length("quote_currency") = 3 AND "quote_currency" NOT GLOB '*[^A-Z]*'),
	CONSTRAINT "exchange_rates_distinct_check" CHECK("base_currency" <> "quote_currency"),
	CONSTRAINT "exchange_rates_base_amount_check" CHECK("base_amount" GLOB '[0-9]*' AND "base_amount" NOT GLOB '*[^0-9.]*' AND "base_amount" NOT GLOB '*.*.*' AND "base_amount" NOT GLOB '*.' AND CAST("base_amount" AS REAL) > 0),
	CONSTRAINT "exchange_rates_quote_amount_check" CHECK("quote_amount" GLOB '[0-9]*' AND "quote_amount" NOT GLOB '*[^0-9.]*' AND "quote_amount" NOT GLOB '*.*.*' AND "quote_amount" NOT GLOB '*.' AND CAST("quote_amount" AS REAL) > 0),
	CONSTRAINT "exchange_rates_as_of_check" CHECK("as_of" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("as_of") = "as_of"),
	CONSTRAINT "exchange_rates_kind_check" CHECK("kind" IN ('MARKET', 'SOURCE_CONVERSION')),
	CONSTRAINT "exchange_rates_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_exchange_rates`(`id`, `base_currency`, `quote_currency`, `base_amount`, `quote_amount`, `as_of`, `created_at`, `updated_at`, `version`) SELECT `id`, `base_currency`, `quote_currency`, `base_amount`, `quote_amount`, `as_of`, `created_at`, `updated_at`, `version` FROM `exchange_rates`;--> statement-breakpoint
DROP TABLE `exchange_rates`;--> statement-breakpoint
ALTER TABLE `__new_exchange_rates` RENAME TO `exchange_rates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_investment_investors` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`investment_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`share_minor` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_investment_investors_investment_id_investments_id_fk` FOREIGN KEY (`investment_id`) REFERENCES `investments`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_investment_investors_partner_id_partners_id_fk` FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON DELETE RESTRICT,
	CONSTRAINT "investment_investors_share_check" CHECK("share_minor" IS NULL OR (typeof("share_minor") = 'integer' AND "share_minor" > 0 AND "share_minor" <= 9007199254740991)),
	CONSTRAINT "investment_investors_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_investment_investors`(`id`, `investment_id`, `partner_id`, `created_at`, `updated_at`, `version`) SELECT `id`, `investment_id`, `partner_id`, `created_at`, `updated_at`, `version` FROM `investment_investors`;--> statement-breakpoint
DROP TABLE `investment_investors`;--> statement-breakpoint
ALTER TABLE `__new_investment_investors` RENAME TO `investment_investors`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_ko` text,
	`kind` text NOT NULL,
	`description` text,
	`website` text,
	`aliases` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "partners_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "partners_kind_check" CHECK("kind" IN ('GOVERNMENT', 'COMPANY', 'CLOUD_PROVIDER', 'TELECOM', 'UNIVERSITY', 'RESEARCH_INSTITUTE')),
	CONSTRAINT "partners_name_check" CHECK(length(trim("name")) > 0),
	CONSTRAINT "partners_aliases_check" CHECK(json_valid("aliases") AND json_type("aliases") = 'array'),
	CONSTRAINT "partners_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_partners`(`id`, `slug`, `name`, `name_ko`, `kind`, `description`, `website`, `created_at`, `updated_at`, `version`) SELECT `id`, `slug`, `name`, `name_ko`, `kind`, `description`, `website`, `created_at`, `updated_at`, `version` FROM `partners`;--> statement-breakpoint
DROP TABLE `partners`;--> statement-breakpoint
ALTER TABLE `__new_partners` RENAME TO `partners`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_programs` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_ko` text,
	`country` text NOT NULL,
	`announced_on` text NOT NULL,
	`supplier_id` integer NOT NULL,
	`installed_base_gpus` integer,
	`installed_base_bound` text,
	`stated_gpu_total` integer,
	`stated_gpu_total_bound` text,
	`stated_capacity_after` integer,
	`stated_capacity_after_bound` text,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_programs_supplier_id_partners_id_fk` FOREIGN KEY (`supplier_id`) REFERENCES `partners`(`id`) ON DELETE RESTRICT,
	CONSTRAINT "programs_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "programs_name_check" CHECK(length(trim("name")) > 0),
	CONSTRAINT "programs_country_check" CHECK(length("country") = 2 AND "country" NOT GLOB '*[^A-Z]*'),
	CONSTRAINT "programs_announced_on_check" CHECK("announced_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("announced_on") = "announced_on"),
	CONSTRAINT "programs_installed_base_check" CHECK("installed_base_gpus" IS NULL OR "installed_base_gpus" >= 0),
	CONSTRAINT "programs_installed_base_bound_check" CHECK(("installed_base_gpus" IS NULL) = ("installed_base_bound" IS NULL) AND ("installed_base_bound" IS NULL OR "installed_base_bound" IN ('EXACT', 'UP_TO', 'AT_LEAST', 'APPROXIMATE'))),
	CONSTRAINT "programs_stated_gpu_total_check" CHECK(("stated_gpu_total" IS NULL) = ("stated_gpu_total_bound" IS NULL) AND ("stated_gpu_total" IS NULL OR ("stated_gpu_total" > 0 AND "stated_gpu_total_bound" IN ('EXACT', 'UP_TO', 'AT_LEAST', 'APPROXIMATE')))),
	CONSTRAINT "programs_stated_capacity_after_check" CHECK(("stated_capacity_after" IS NULL) = ("stated_capacity_after_bound" IS NULL) AND ("stated_capacity_after" IS NULL OR ("stated_capacity_after" > 0 AND "stated_capacity_after_bound" IN ('EXACT', 'UP_TO', 'AT_LEAST', 'APPROXIMATE')))),
	CONSTRAINT "programs_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_programs`(`id`, `slug`, `name`, `name_ko`, `country`, `announced_on`, `supplier_id`, `installed_base_gpus`, `installed_base_bound`, `description`, `created_at`, `updated_at`, `version`) SELECT `id`, `slug`, `name`, `name_ko`, `country`, `announced_on`, `supplier_id`, `installed_base_gpus`, `installed_base_bound`, `description`, `created_at`, `updated_at`, `version` FROM `programs`;--> statement-breakpoint
DROP TABLE `programs`;--> statement-breakpoint
ALTER TABLE `__new_programs` RENAME TO `programs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
DROP INDEX IF EXISTS `exchange_rates_pair_date_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_rates_pair_date_kind_unique` ON `exchange_rates` (`base_currency`,`quote_currency`,`as_of`,`kind`);--> statement-breakpoint
CREATE INDEX `exchange_rates_quote_idx` ON `exchange_rates` (`quote_currency`,`base_currency`,`as_of`);--> statement-breakpoint
CREATE UNIQUE INDEX `investment_investors_unique` ON `investment_investors` (`investment_id`,`partner_id`);--> statement-breakpoint
CREATE INDEX `investment_investors_partner_idx` ON `investment_investors` (`partner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `partners_slug_unique` ON `partners` (`slug`);--> statement-breakpoint
CREATE INDEX `partners_kind_idx` ON `partners` (`kind`);--> statement-breakpoint
CREATE INDEX `partners_name_idx` ON `partners` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `programs_slug_unique` ON `programs` (`slug`);--> statement-breakpoint
CREATE INDEX `programs_supplier_idx` ON `programs` (`supplier_id`);--> statement-breakpoint
CREATE INDEX `programs_announced_on_idx` ON `programs` (`announced_on`);--> statement-breakpoint
CREATE INDEX `programs_country_idx` ON `programs` (`country`);--> statement-breakpoint
CREATE INDEX `programs_name_idx` ON `programs` (`name`);