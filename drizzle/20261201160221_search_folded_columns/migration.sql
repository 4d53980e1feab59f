ALTER TABLE `citations` ADD `quote_folded` text;--> statement-breakpoint
ALTER TABLE `citations` ADD `statement_folded` text;--> statement-breakpoint
ALTER TABLE `discrepancies` ADD `description_folded` text;--> statement-breakpoint
ALTER TABLE `discrepancies` ADD `resolution_folded` text;--> statement-breakpoint
ALTER TABLE `gpu_models` ADD `name_folded` text;--> statement-breakpoint
ALTER TABLE `initiatives` ADD `name_folded` text;--> statement-breakpoint
ALTER TABLE `initiatives` ADD `name_ko_folded` text;--> statement-breakpoint
ALTER TABLE `investments` ADD `title_folded` text;--> statement-breakpoint
ALTER TABLE `investments` ADD `title_ko_folded` text;--> statement-breakpoint
ALTER TABLE `partners` ADD `name_folded` text;--> statement-breakpoint
ALTER TABLE `partners` ADD `name_ko_folded` text;--> statement-breakpoint
ALTER TABLE `partners` ADD `aliases_folded` text;--> statement-breakpoint
ALTER TABLE `programs` ADD `name_folded` text;--> statement-breakpoint
ALTER TABLE `programs` ADD `name_ko_folded` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `title_folded` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `publisher_folded` text;