CREATE TABLE `allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`program_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`gpu_model_id` integer,
	`initiative_id` integer,
	`quantity` integer NOT NULL,
	`bound` text NOT NULL,
	`status` text NOT NULL,
	`purpose` text,
	`announced_on` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_allocations_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE RESTRICT,
	CONSTRAINT `fk_allocations_partner_id_partners_id_fk` FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON DELETE RESTRICT,
	CONSTRAINT `fk_allocations_gpu_model_id_gpu_models_id_fk` FOREIGN KEY (`gpu_model_id`) REFERENCES `gpu_models`(`id`) ON DELETE RESTRICT,
	CONSTRAINT `fk_allocations_initiative_id_initiatives_id_fk` FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON DELETE SET NULL,
	CONSTRAINT "allocations_quantity_check" CHECK("quantity" > 0 AND "quantity" <= 100000000),
	CONSTRAINT "allocations_bound_check" CHECK("bound" IN ('EXACT', 'UP_TO', 'AT_LEAST', 'APPROXIMATE')),
	CONSTRAINT "allocations_status_check" CHECK("status" IN ('ANNOUNCED', 'CONTRACTED', 'DELIVERING', 'OPERATIONAL')),
	CONSTRAINT "allocations_announced_on_check" CHECK("announced_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("announced_on") = "announced_on"),
	CONSTRAINT "allocations_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`revoked_at` text,
	`last_used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "api_keys_name_check" CHECK(length(trim("name")) > 0),
	CONSTRAINT "api_keys_scopes_check" CHECK("scopes" IN ('read', 'write', 'read write', 'admin', 'read admin', 'write admin', 'read write admin')),
	CONSTRAINT "api_keys_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`api_key_id` integer,
	`operation` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`before` text,
	`after` text,
	`occurred_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_audit_events_api_key_id_api_keys_id_fk` FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON DELETE SET NULL,
	CONSTRAINT "audit_events_operation_check" CHECK("operation" IN ('CREATE', 'UPDATE', 'DELETE')),
	CONSTRAINT "audit_events_before_check" CHECK("before" IS NULL OR json_valid("before")),
	CONSTRAINT "audit_events_after_check" CHECK("after" IS NULL OR json_valid("after"))
);
--> statement-breakpoint
CREATE TABLE `citations` (
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
	CONSTRAINT "citations_one_subject_check" CHECK(("program_id" IS NOT NULL) + ("partner_id" IS NOT NULL) + ("gpu_model_id" IS NOT NULL) + ("allocation_id" IS NOT NULL) + ("initiative_id" IS NOT NULL) + ("initiative_participant_id" IS NOT NULL) + ("investment_id" IS NOT NULL) + ("investment_investor_id" IS NOT NULL) + ("exchange_rate_id" IS NOT NULL) = 1),
	CONSTRAINT "citations_quote_check" CHECK(length(trim("quote")) > 0),
	CONSTRAINT "citations_statement_check" CHECK(length(trim("statement")) > 0),
	CONSTRAINT "citations_quote_kind_check" CHECK("quote_kind" IN ('VERBATIM', 'PARAPHRASE')),
	CONSTRAINT "citations_stance_check" CHECK("stance" IN ('SUPPORTS', 'CONTRADICTS')),
	CONSTRAINT "citations_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `dataset_loads` (
	`dataset` text PRIMARY KEY,
	`loaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `discrepancies` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`program_id` integer,
	`partner_id` integer,
	`gpu_model_id` integer,
	`allocation_id` integer,
	`initiative_id` integer,
	`investment_id` integer,
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
	CONSTRAINT "discrepancies_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "discrepancies_one_subject_check" CHECK(("program_id" IS NOT NULL) + ("partner_id" IS NOT NULL) + ("gpu_model_id" IS NOT NULL) + ("allocation_id" IS NOT NULL) + ("initiative_id" IS NOT NULL) + ("investment_id" IS NOT NULL) = 1),
	CONSTRAINT "discrepancies_description_check" CHECK(length(trim("description")) > 0),
	CONSTRAINT "discrepancies_resolution_check" CHECK(length(trim("resolution")) > 0),
	CONSTRAINT "discrepancies_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `discrepancy_citations` (
	`discrepancy_id` integer NOT NULL,
	`citation_id` integer NOT NULL,
	CONSTRAINT `discrepancy_citations_pk` PRIMARY KEY(`discrepancy_id`, `citation_id`),
	CONSTRAINT `fk_discrepancy_citations_discrepancy_id_discrepancies_id_fk` FOREIGN KEY (`discrepancy_id`) REFERENCES `discrepancies`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_discrepancy_citations_citation_id_citations_id_fk` FOREIGN KEY (`citation_id`) REFERENCES `citations`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `exchange_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`base_currency` text NOT NULL,
	`quote_currency` text NOT NULL,
	`base_amount` text NOT NULL,
	`quote_amount` text NOT NULL,
	`as_of` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "exchange_rates_base_currency_check" CHECK(length("base_currency") = 3 AND "base_currency" NOT GLOB '*[^A-Z]*'),
	CONSTRAINT "exchange_rates_quote_currency_check" CHECK(length("quote_currency") = 3 AND "quote_currency" NOT GLOB '*[^A-Z]*'),
	CONSTRAINT "exchange_rates_distinct_check" CHECK("base_currency" <> "quote_currency"),
	CONSTRAINT "exchange_rates_base_amount_check" CHECK("base_amount" GLOB '[0-9]*' AND "base_amount" NOT GLOB '*[^0-9.]*' AND "base_amount" NOT GLOB '*.*.*' AND "base_amount" NOT GLOB '*.' AND CAST("base_amount" AS REAL) > 0),
	CONSTRAINT "exchange_rates_quote_amount_check" CHECK("quote_amount" GLOB '[0-9]*' AND "quote_amount" NOT GLOB '*[^0-9.]*' AND "quote_amount" NOT GLOB '*.*.*' AND "quote_amount" NOT GLOB '*.' AND CAST("quote_amount" AS REAL) > 0),
	CONSTRAINT "exchange_rates_as_of_check" CHECK("as_of" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("as_of") = "as_of"),
	CONSTRAINT "exchange_rates_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `gpu_models` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`architecture` text NOT NULL,
	`vendor` text NOT NULL,
	`model_unstated` integer DEFAULT false NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "gpu_models_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "gpu_models_name_check" CHECK(length(trim("name")) > 0),
	CONSTRAINT "gpu_models_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `initiative_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`initiative_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`role` text NOT NULL,
	`contribution` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_initiative_participants_initiative_id_initiatives_id_fk` FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_initiative_participants_partner_id_partners_id_fk` FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON DELETE RESTRICT,
	CONSTRAINT "initiative_participants_role_check" CHECK("role" IN ('LEAD', 'PARTICIPANT', 'SUPPORTER')),
	CONSTRAINT "initiative_participants_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `initiatives` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`program_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_ko` text,
	`domain` text NOT NULL,
	`description` text,
	`technologies` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_initiatives_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE RESTRICT,
	CONSTRAINT "initiatives_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "initiatives_name_check" CHECK(length(trim("name")) > 0),
	CONSTRAINT "initiatives_domain_check" CHECK("domain" IN ('SOVEREIGN_AI', 'SEMICONDUCTORS', 'INDUSTRIAL_CLOUD', 'MOBILITY', 'PHYSICAL_AI', 'TELECOMMUNICATIONS', 'QUANTUM_COMPUTING', 'OTHER')),
	CONSTRAINT "initiatives_technologies_check" CHECK(json_valid("technologies") AND json_type("technologies") = 'array'),
	CONSTRAINT "initiatives_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `investment_investors` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`investment_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_investment_investors_investment_id_investments_id_fk` FOREIGN KEY (`investment_id`) REFERENCES `investments`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_investment_investors_partner_id_partners_id_fk` FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON DELETE RESTRICT,
	CONSTRAINT "investment_investors_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `investments` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`program_id` integer NOT NULL,
	`initiative_id` integer,
	`title` text NOT NULL,
	`title_ko` text,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`bound` text NOT NULL,
	`announced_on` text NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_investments_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE RESTRICT,
	CONSTRAINT `fk_investments_initiative_id_initiatives_id_fk` FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON DELETE SET NULL,
	CONSTRAINT "investments_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "investments_title_check" CHECK(length(trim("title")) > 0),
	CONSTRAINT "investments_amount_check" CHECK(typeof("amount_minor") = 'integer' AND "amount_minor" > 0 AND "amount_minor" <= 9007199254740991),
	CONSTRAINT "investments_currency_check" CHECK(length("currency") = 3 AND "currency" NOT GLOB '*[^A-Z]*'),
	CONSTRAINT "investments_bound_check" CHECK("bound" IN ('EXACT', 'UP_TO', 'AT_LEAST', 'APPROXIMATE')),
	CONSTRAINT "investments_announced_on_check" CHECK("announced_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("announced_on") = "announced_on"),
	CONSTRAINT "investments_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_ko` text,
	`kind` text NOT NULL,
	`description` text,
	`website` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "partners_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "partners_kind_check" CHECK("kind" IN ('GOVERNMENT', 'COMPANY', 'CLOUD_PROVIDER', 'TELECOM', 'UNIVERSITY', 'RESEARCH_INSTITUTE')),
	CONSTRAINT "partners_name_check" CHECK(length(trim("name")) > 0),
	CONSTRAINT "partners_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `programs` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_ko` text,
	`country` text NOT NULL,
	`announced_on` text NOT NULL,
	`supplier_id` integer NOT NULL,
	`installed_base_gpus` integer,
	`installed_base_bound` text,
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
	CONSTRAINT "programs_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`slug` text NOT NULL,
	`url` text,
	`title` text,
	`publisher` text NOT NULL,
	`kind` text NOT NULL,
	`published_at` text,
	`language` text NOT NULL,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sources_slug_check" CHECK("slug" GLOB '[a-z0-9]*' AND "slug" NOT GLOB '*[^a-z0-9-]*' AND length("slug") <= 80),
	CONSTRAINT "sources_url_check" CHECK("url" IS NULL OR "url" GLOB 'http://?*' OR "url" GLOB 'https://?*'),
	CONSTRAINT "sources_kind_check" CHECK("kind" IN ('NEWS_ARTICLE', 'PRESS_RELEASE', 'BLOG_POST', 'OTHER')),
	CONSTRAINT "sources_language_check" CHECK(length("language") BETWEEN 2 AND 35),
	CONSTRAINT "sources_version_check" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE INDEX `allocations_program_totals_idx` ON `allocations` (`program_id`,`partner_id`,`bound`,`quantity`);--> statement-breakpoint
CREATE INDEX `allocations_partner_totals_idx` ON `allocations` (`partner_id`,`bound`,`quantity`);--> statement-breakpoint
CREATE INDEX `allocations_gpu_model_totals_idx` ON `allocations` (`gpu_model_id`,`bound`,`quantity`);--> statement-breakpoint
CREATE INDEX `allocations_initiative_totals_idx` ON `allocations` (`initiative_id`,`bound`,`quantity`);--> statement-breakpoint
CREATE INDEX `allocations_status_idx` ON `allocations` (`status`);--> statement-breakpoint
CREATE INDEX `allocations_bound_idx` ON `allocations` (`bound`);--> statement-breakpoint
CREATE INDEX `allocations_quantity_idx` ON `allocations` (`quantity`);--> statement-breakpoint
CREATE INDEX `allocations_announced_on_idx` ON `allocations` (`announced_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_events_occurred_at_idx` ON `audit_events` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `audit_events_api_key_idx` ON `audit_events` (`api_key_id`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `discrepancies_slug_unique` ON `discrepancies` (`slug`);--> statement-breakpoint
CREATE INDEX `discrepancies_program_idx` ON `discrepancies` (`program_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_partner_idx` ON `discrepancies` (`partner_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_gpu_model_idx` ON `discrepancies` (`gpu_model_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_allocation_idx` ON `discrepancies` (`allocation_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_initiative_idx` ON `discrepancies` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `discrepancies_investment_idx` ON `discrepancies` (`investment_id`);--> statement-breakpoint
CREATE INDEX `discrepancy_citations_citation_idx` ON `discrepancy_citations` (`citation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_rates_pair_date_unique` ON `exchange_rates` (`base_currency`,`quote_currency`,`as_of`);--> statement-breakpoint
CREATE INDEX `exchange_rates_quote_idx` ON `exchange_rates` (`quote_currency`,`base_currency`,`as_of`);--> statement-breakpoint
CREATE UNIQUE INDEX `gpu_models_slug_unique` ON `gpu_models` (`slug`);--> statement-breakpoint
CREATE INDEX `gpu_models_architecture_idx` ON `gpu_models` (`architecture`);--> statement-breakpoint
CREATE INDEX `gpu_models_name_idx` ON `gpu_models` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_participants_unique` ON `initiative_participants` (`initiative_id`,`partner_id`);--> statement-breakpoint
CREATE INDEX `initiative_participants_partner_idx` ON `initiative_participants` (`partner_id`);--> statement-breakpoint
CREATE INDEX `initiative_participants_role_idx` ON `initiative_participants` (`role`);--> statement-breakpoint
CREATE UNIQUE INDEX `initiatives_slug_unique` ON `initiatives` (`slug`);--> statement-breakpoint
CREATE INDEX `initiatives_program_idx` ON `initiatives` (`program_id`);--> statement-breakpoint
CREATE INDEX `initiatives_domain_idx` ON `initiatives` (`domain`);--> statement-breakpoint
CREATE INDEX `initiatives_name_idx` ON `initiatives` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `investment_investors_unique` ON `investment_investors` (`investment_id`,`partner_id`);--> statement-breakpoint
CREATE INDEX `investment_investors_partner_idx` ON `investment_investors` (`partner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `investments_slug_unique` ON `investments` (`slug`);--> statement-breakpoint
CREATE INDEX `investments_program_idx` ON `investments` (`program_id`);--> statement-breakpoint
CREATE INDEX `investments_initiative_idx` ON `investments` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `investments_currency_idx` ON `investments` (`currency`);--> statement-breakpoint
CREATE INDEX `investments_announced_on_idx` ON `investments` (`announced_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `partners_slug_unique` ON `partners` (`slug`);--> statement-breakpoint
CREATE INDEX `partners_kind_idx` ON `partners` (`kind`);--> statement-breakpoint
CREATE INDEX `partners_name_idx` ON `partners` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `programs_slug_unique` ON `programs` (`slug`);--> statement-breakpoint
CREATE INDEX `programs_supplier_idx` ON `programs` (`supplier_id`);--> statement-breakpoint
CREATE INDEX `programs_announced_on_idx` ON `programs` (`announced_on`);--> statement-breakpoint
CREATE INDEX `programs_country_idx` ON `programs` (`country`);--> statement-breakpoint
CREATE INDEX `programs_name_idx` ON `programs` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `sources_slug_unique` ON `sources` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_unique` ON `sources` (`url`);--> statement-breakpoint
CREATE INDEX `sources_published_at_idx` ON `sources` (`published_at`);--> statement-breakpoint
CREATE INDEX `sources_publisher_idx` ON `sources` (`publisher`);