CREATE TABLE `commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`program_id` integer NOT NULL,
	`partner_id` integer,
	`subject` text NOT NULL,
	`stated_phrase` text NOT NULL,
	`gpu_model_id` integer,
	`currency` text,
	`status` text NOT NULL,
	`purpose` text,
	`announced_on` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_commitments_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_commitments_partner_id_partners_id_fk` FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON DELETE RESTRICT,
	CONSTRAINT `fk_commitments_gpu_model_id_gpu_models_id_fk` FOREIGN KEY (`gpu_model_id`) REFERENCES `gpu_models`(`id`) ON DELETE RESTRICT,
	CONSTRAINT "commitments_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "commitments_subject_check" CHECK("subject" IN ('GPUS', 'MONEY')),
	CONSTRAINT "commitments_phrase_check" CHECK(length(trim("stated_phrase")) > 0),
	CONSTRAINT "commitments_subject_fields_check" CHECK(("subject" = 'MONEY' OR "currency" IS NULL) AND ("subject" = 'GPUS' OR "gpu_model_id" IS NULL) AND ("currency" IS NULL OR length("currency") = 3 AND "currency" NOT GLOB '*[^A-Z]*')),
	CONSTRAINT "commitments_status_check" CHECK("status" IN ('ANNOUNCED', 'CONTRACTED', 'DELIVERING', 'OPERATIONAL')),
	CONSTRAINT "commitments_announced_on_check" CHECK("announced_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("announced_on") = "announced_on"),
	CONSTRAINT "commitments_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `phases` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`program_id` integer NOT NULL,
	`name` text NOT NULL,
	`target_date` text,
	`target_precision` text,
	`status` text DEFAULT 'PLANNED' NOT NULL,
	`achieved_on` text,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_phases_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE CASCADE,
	CONSTRAINT "phases_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "phases_name_check" CHECK(length(trim("name")) > 0),
	CONSTRAINT "phases_target_check" CHECK(("target_date" IS NULL) = ("target_precision" IS NULL) AND ("target_date" IS NULL OR ("target_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("target_date") = "target_date" AND "target_precision" IN ('DAY', 'MONTH', 'QUARTER', 'HALF', 'SEASON', 'YEAR')))),
	CONSTRAINT "phases_achieved_on_check" CHECK("achieved_on" IS NULL OR ("achieved_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("achieved_on") = "achieved_on")),
	CONSTRAINT "phases_status_check" CHECK("status" IN ('PLANNED', 'ACHIEVED', 'DELAYED', 'ON_HOLD', 'CANCELLED')),
	CONSTRAINT "phases_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `power_capacities` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`program_id` integer NOT NULL,
	`phase_id` integer,
	`mw` text NOT NULL,
	`mw_high` text,
	`bound` text NOT NULL,
	`scope` text NOT NULL,
	`location` text,
	`announced_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_power_capacities_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_power_capacities_phase_id_phases_id_fk` FOREIGN KEY (`phase_id`) REFERENCES `phases`(`id`) ON DELETE SET NULL,
	CONSTRAINT "power_capacities_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "power_capacities_mw_check" CHECK("mw" GLOB '[0-9]*' AND "mw" NOT GLOB '*[^0-9.]*' AND "mw" NOT GLOB '*.*.*' AND "mw" NOT GLOB '*.' AND CAST("mw" AS REAL) > 0),
	CONSTRAINT "power_capacities_mw_high_check" CHECK("mw_high" IS NULL OR ("mw_high" GLOB '[0-9]*' AND "mw_high" NOT GLOB '*[^0-9.]*' AND "mw_high" NOT GLOB '*.*.*' AND "mw_high" NOT GLOB '*.' AND CAST("mw_high" AS REAL) > CAST("mw" AS REAL))),
	CONSTRAINT "power_capacities_bound_check" CHECK("bound" IN ('EXACT', 'UP_TO', 'AT_LEAST', 'APPROXIMATE')),
	CONSTRAINT "power_capacities_scope_check" CHECK(length(trim("scope")) > 0),
	CONSTRAINT "power_capacities_announced_on_check" CHECK("announced_on" IS NULL OR ("announced_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("announced_on") = "announced_on")),
	CONSTRAINT "power_capacities_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `program_countries` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`program_id` integer NOT NULL,
	`country` text NOT NULL,
	`role` text NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_program_countries_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE CASCADE,
	CONSTRAINT "program_countries_country_check" CHECK(length("country") = 2 AND "country" NOT GLOB '*[^A-Z]*'),
	CONSTRAINT "program_countries_role_check" CHECK("role" IN ('HOST', 'PARTICIPANT')),
	CONSTRAINT "program_countries_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `program_suppliers` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`program_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_program_suppliers_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_program_suppliers_partner_id_partners_id_fk` FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON DELETE RESTRICT,
	CONSTRAINT "program_suppliers_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
ALTER TABLE `allocations` ADD `gpu_model_as_stated` text;--> statement-breakpoint
ALTER TABLE `citations` ADD `program_country_id` integer REFERENCES program_countries(id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE `citations` ADD `program_supplier_id` integer REFERENCES program_suppliers(id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE `citations` ADD `phase_id` integer REFERENCES phases(id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE `citations` ADD `power_capacity_id` integer REFERENCES power_capacities(id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE `citations` ADD `commitment_id` integer REFERENCES commitments(id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE `discrepancies` ADD `phase_id` integer REFERENCES phases(id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE `discrepancies` ADD `power_capacity_id` integer REFERENCES power_capacities(id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE `discrepancies` ADD `commitment_id` integer REFERENCES commitments(id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE `programs` ADD `status` text DEFAULT 'ANNOUNCED' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `announced_on_precision` text DEFAULT 'DAY' NOT NULL;--> statement-breakpoint
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
	`status` text DEFAULT 'ANNOUNCED' NOT NULL,
	`announced_on_precision` text DEFAULT 'DAY' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_programs_supplier_id_partners_id_fk` FOREIGN KEY (`supplier_id`) REFERENCES `partners`(`id`) ON DELETE RESTRICT,
	CONSTRAINT "programs_status_check" CHECK("status" IN ('ANNOUNCED', 'PROPOSED', 'UNDER_CONSTRUCTION', 'OPERATIONAL', 'ON_HOLD', 'CANCELLED')),
	CONSTRAINT "programs_announced_on_precision_check" CHECK("announced_on_precision" IN ('DAY', 'MONTH', 'QUARTER', 'HALF', 'SEASON', 'YEAR')),
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
INSERT INTO `__new_programs`(`id`, `slug`, `name`, `name_ko`, `country`, `announced_on`, `supplier_id`, `installed_base_gpus`, `installed_base_bound`, `stated_gpu_total`, `stated_gpu_total_bound`, `stated_capacity_after`, `stated_capacity_after_bound`, `description`, `created_at`, `updated_at`, `version`) SELECT `id`, `slug`, `name`, `name_ko`, `country`, `announced_on`, `supplier_id`, `installed_base_gpus`, `installed_base_bound`, `stated_gpu_total`, `stated_gpu_total_bound`, `stated_capacity_after`, `stated_capacity_after_bound`, `description`, `created_at`, `updated_at`, `version` FROM `programs`;--> statement-breakpoint
DROP TABLE `programs`;--> statement-breakpoint
ALTER TABLE `__new_programs` RENAME TO `programs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_citations` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`source_id` integer NOT NULL,
	`program_id` integer,
	`partner_id` integer,
	`gpu_model_id` integer,
	`allocation_id` integer,
	`initiative_id` integer,
	`initiative_participant_id` integer,
	`investment_id` integer,
	`investment_investor_id` integer,
	`exchange_rate_id` integer,
	`program_country_id` integer,
	`program_supplier_id` integer,
	`phase_id` integer,
	`power_capacity_id` integer,
	`commitment_id` integer,
	`field` text,
	`quote` text NOT NULL,
	`quote_kind` text NOT NULL,
	`locator` text,
	`statement` text NOT NULL,
	`stance` text DEFAULT 'SUPPORTS' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_citations_source_id_sources_id_fk` FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON DELETE RESTRICT,
	CONSTRAINT `fk_citations_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_partner_id_partners_id_fk` FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_gpu_model_id_gpu_models_id_fk` FOREIGN KEY (`gpu_model_id`) REFERENCES `gpu_models`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_allocation_id_allocations_id_fk` FOREIGN KEY (`allocation_id`) REFERENCES `allocations`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_initiative_id_initiatives_id_fk` FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_initiative_participant_id_initiative_participants_id_fk` FOREIGN KEY (`initiative_participant_id`) REFERENCES `initiative_participants`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_investment_id_investments_id_fk` FOREIGN KEY (`investment_id`) REFERENCES `investments`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_investment_investor_id_investment_investors_id_fk` FOREIGN KEY (`investment_investor_id`) REFERENCES `investment_investors`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_exchange_rate_id_exchange_rates_id_fk` FOREIGN KEY (`exchange_rate_id`) REFERENCES `exchange_rates`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_program_country_id_program_countries_id_fk` FOREIGN KEY (`program_country_id`) REFERENCES `program_countries`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_program_supplier_id_program_suppliers_id_fk` FOREIGN KEY (`program_supplier_id`) REFERENCES `program_suppliers`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_phase_id_phases_id_fk` FOREIGN KEY (`phase_id`) REFERENCES `phases`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_power_capacity_id_power_capacities_id_fk` FOREIGN KEY (`power_capacity_id`) REFERENCES `power_capacities`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_commitment_id_commitments_id_fk` FOREIGN KEY (`commitment_id`) REFERENCES `commitments`(`id`) ON DELETE CASCADE,
	CONSTRAINT "citations_one_subject_check" CHECK(("program_id" IS NOT NULL) + ("partner_id" IS NOT NULL) + ("gpu_model_id" IS NOT NULL) + ("allocation_id" IS NOT NULL) + ("initiative_id" IS NOT NULL) + ("initiative_participant_id" IS NOT NULL) + ("investment_id" IS NOT NULL) + ("investment_investor_id" IS NOT NULL) + ("exchange_rate_id" IS NOT NULL) + ("program_country_id" IS NOT NULL) + ("program_supplier_id" IS NOT NULL) + ("phase_id" IS NOT NULL) + ("power_capacity_id" IS NOT NULL) + ("commitment_id" IS NOT NULL) = 1),
	CONSTRAINT "citations_quote_check" CHECK(length(trim("quote")) > 0),
	CONSTRAINT "citations_statement_check" CHECK(length(trim("statement")) > 0),
	CONSTRAINT "citations_quote_kind_check" CHECK("quote_kind" IN ('VERBATIM', 'PARAPHRASE')),
	CONSTRAINT "citations_stance_check" CHECK("stance" IN ('SUPPORTS', 'CONTRADICTS')),
	CONSTRAINT "citations_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_citations`(`id`, `source_id`, `program_id`, `partner_id`, `gpu_model_id`, `allocation_id`, `initiative_id`, `initiative_participant_id`, `investment_id`, `investment_investor_id`, `exchange_rate_id`, `field`, `quote`, `quote_kind`, `locator`, `statement`, `stance`, `created_at`, `updated_at`, `version`) SELECT `id`, `source_id`, `program_id`, `partner_id`, `gpu_model_id`, `allocation_id`, `initiative_id`, `initiative_participant_id`, `investment_id`, `investment_investor_id`, `exchange_rate_id`, `field`, `quote`, `quote_kind`, `locator`, `statement`, `stance`, `created_at`, `updated_at`, `version` FROM `citations`;--> statement-breakpoint
DROP TABLE `citations`;--> statement-breakpoint
ALTER TABLE `__new_citations` RENAME TO `citations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_discrepancies` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`program_id` integer,
	`partner_id` integer,
	`gpu_model_id` integer,
	`allocation_id` integer,
	`initiative_id` integer,
	`investment_id` integer,
	`phase_id` integer,
	`power_capacity_id` integer,
	`commitment_id` integer,
	`field` text NOT NULL,
	`description` text NOT NULL,
	`resolution` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_discrepancies_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_discrepancies_partner_id_partners_id_fk` FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_discrepancies_gpu_model_id_gpu_models_id_fk` FOREIGN KEY (`gpu_model_id`) REFERENCES `gpu_models`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_discrepancies_allocation_id_allocations_id_fk` FOREIGN KEY (`allocation_id`) REFERENCES `allocations`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_discrepancies_initiative_id_initiatives_id_fk` FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_discrepancies_investment_id_investments_id_fk` FOREIGN KEY (`investment_id`) REFERENCES `investments`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_discrepancies_phase_id_phases_id_fk` FOREIGN KEY (`phase_id`) REFERENCES `phases`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_discrepancies_power_capacity_id_power_capacities_id_fk` FOREIGN KEY (`power_capacity_id`) REFERENCES `power_capacities`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_discrepancies_commitment_id_commitments_id_fk` FOREIGN KEY (`commitment_id`) REFERENCES `commitments`(`id`) ON DELETE CASCADE,
	CONSTRAINT "discrepancies_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "discrepancies_one_subject_check" CHECK(("program_id" IS NOT NULL) + ("partner_id" IS NOT NULL) + ("gpu_model_id" IS NOT NULL) + ("allocation_id" IS NOT NULL) + ("initiative_id" IS NOT NULL) + ("investment_id" IS NOT NULL) + ("phase_id" IS NOT NULL) + ("power_capacity_id" IS NOT NULL) + ("commitment_id" IS NOT NULL) = 1),
	CONSTRAINT "discrepancies_description_check" CHECK(length(trim("description")) > 0),
	CONSTRAINT "discrepancies_resolution_check" CHECK(length(trim("resolution")) > 0),
	CONSTRAINT "discrepancies_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_discrepancies`(`id`, `slug`, `program_id`, `partner_id`, `gpu_model_id`, `allocation_id`, `initiative_id`, `investment_id`, `field`, `description`, `resolution`, `created_at`, `updated_at`, `version`) SELECT `id`, `slug`, `program_id`, `partner_id`, `gpu_model_id`, `allocation_id`, `initiative_id`, `investment_id`, `field`, `description`, `resolution`, `created_at`, `updated_at`, `version` FROM `discrepancies`;--> statement-breakpoint
DROP TABLE `discrepancies`;--> statement-breakpoint
ALTER TABLE `__new_discrepancies` RENAME TO `discrepancies`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `programs_slug_unique` ON `programs` (`slug`);--> statement-breakpoint
CREATE INDEX `programs_status_idx` ON `programs` (`status`);--> statement-breakpoint
CREATE INDEX `programs_supplier_idx` ON `programs` (`supplier_id`);--> statement-breakpoint
CREATE INDEX `programs_announced_on_idx` ON `programs` (`announced_on`);--> statement-breakpoint
CREATE INDEX `programs_country_idx` ON `programs` (`country`);--> statement-breakpoint
CREATE INDEX `programs_name_idx` ON `programs` (`name`);--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`);--> statement-breakpoint
CREATE INDEX `citations_program_idx` ON `citations` (`program_id`);--> statement-breakpoint
CREATE INDEX `citations_partner_idx` ON `citations` (`partner_id`);--> statement-breakpoint
CREATE INDEX `citations_gpu_model_idx` ON `citations` (`gpu_model_id`);--> statement-breakpoint
CREATE INDEX `citations_allocation_idx` ON `citations` (`allocation_id`);--> statement-breakpoint
CREATE INDEX `citations_initiative_idx` ON `citations` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `citations_initiative_participant_idx` ON `citations` (`initiative_participant_id`);--> statement-breakpoint
CREATE INDEX `citations_investment_idx` ON `citations` (`investment_id`);--> statement-breakpoint
CREATE INDEX `citations_investment_investor_idx` ON `citations` (`investment_investor_id`);--> statement-breakpoint
CREATE INDEX `citations_exchange_rate_idx` ON `citations` (`exchange_rate_id`);--> statement-breakpoint
CREATE INDEX `citations_program_country_idx` ON `citations` (`program_country_id`);--> statement-breakpoint
CREATE INDEX `citations_program_supplier_idx` ON `citations` (`program_supplier_id`);--> statement-breakpoint
CREATE INDEX `citations_phase_idx` ON `citations` (`phase_id`);--> statement-breakpoint
CREATE INDEX `citations_power_capacity_idx` ON `citations` (`power_capacity_id`);--> statement-breakpoint
CREATE INDEX `citations_commitment_idx` ON `citations` (`commitment_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `discrepancies_slug_unique` ON `discrepancies` (`slug`);--> statement-breakpoint
CREATE INDEX `discrepancies_program_idx` ON `discrepancies` (`program_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_partner_idx` ON `discrepancies` (`partner_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_gpu_model_idx` ON `discrepancies` (`gpu_model_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_allocation_idx` ON `discrepancies` (`allocation_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_initiative_idx` ON `discrepancies` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_investment_idx` ON `discrepancies` (`investment_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_phase_idx` ON `discrepancies` (`phase_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_power_capacity_idx` ON `discrepancies` (`power_capacity_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_commitment_idx` ON `discrepancies` (`commitment_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `commitments_slug_unique` ON `commitments` (`slug`);--> statement-breakpoint
CREATE INDEX `commitments_program_idx` ON `commitments` (`program_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `phases_slug_unique` ON `phases` (`slug`);--> statement-breakpoint
CREATE INDEX `phases_program_idx` ON `phases` (`program_id`,`target_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `power_capacities_slug_unique` ON `power_capacities` (`slug`);--> statement-breakpoint
CREATE INDEX `power_capacities_program_idx` ON `power_capacities` (`program_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `program_countries_unique` ON `program_countries` (`program_id`,`country`);--> statement-breakpoint
CREATE INDEX `program_countries_country_idx` ON `program_countries` (`country`);--> statement-breakpoint
CREATE UNIQUE INDEX `program_suppliers_unique` ON `program_suppliers` (`program_id`,`partner_id`);--> statement-breakpoint
CREATE INDEX `program_suppliers_partner_idx` ON `program_suppliers` (`partner_id`);