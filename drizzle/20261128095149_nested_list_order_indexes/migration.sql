DROP INDEX IF EXISTS `investments_program_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `investments_initiative_idx`;--> statement-breakpoint
CREATE INDEX `allocations_program_quantity_idx` ON `allocations` (`program_id`,`quantity`);--> statement-breakpoint
CREATE INDEX `allocations_partner_quantity_idx` ON `allocations` (`partner_id`,`quantity`);--> statement-breakpoint
CREATE INDEX `allocations_gpu_model_quantity_idx` ON `allocations` (`gpu_model_id`,`quantity`);--> statement-breakpoint
CREATE INDEX `allocations_initiative_quantity_idx` ON `allocations` (`initiative_id`,`quantity`);--> statement-breakpoint
CREATE INDEX `investments_program_announced_on_idx` ON `investments` (`program_id`,`announced_on`);--> statement-breakpoint
CREATE INDEX `investments_initiative_announced_on_idx` ON `investments` (`initiative_id`,`announced_on`);