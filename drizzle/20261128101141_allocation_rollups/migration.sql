CREATE TABLE `allocation_rollups_by_model` (
	`program_id` integer NOT NULL,
	`gpu_model_id` integer,
	`initiative_id` integer,
	`status` text NOT NULL,
	`bound` text NOT NULL,
	`quantity` integer NOT NULL,
	`allocation_count` integer NOT NULL,
	CONSTRAINT "allocation_rollups_by_model_quantity_check" CHECK("quantity" > 0),
	CONSTRAINT "allocation_rollups_by_model_allocation_count_check" CHECK("allocation_count" > 0)
);
--> statement-breakpoint
CREATE TABLE `allocation_rollups_by_partner` (
	`program_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`status` text NOT NULL,
	`bound` text NOT NULL,
	`quantity` integer NOT NULL,
	`allocation_count` integer NOT NULL,
	CONSTRAINT "allocation_rollups_by_partner_quantity_check" CHECK("quantity" > 0),
	CONSTRAINT "allocation_rollups_by_partner_allocation_count_check" CHECK("allocation_count" > 0)
);
--> statement-breakpoint
CREATE TABLE `allocation_rollups_by_partner_model` (
	`program_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`gpu_model_id` integer,
	`status` text NOT NULL,
	`bound` text NOT NULL,
	`quantity` integer NOT NULL,
	`allocation_count` integer NOT NULL,
	CONSTRAINT "allocation_rollups_by_partner_model_quantity_check" CHECK("quantity" > 0),
	CONSTRAINT "allocation_rollups_by_partner_model_allocation_count_check" CHECK("allocation_count" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_rollups_by_model_unique` ON `allocation_rollups_by_model` (`program_id`,`gpu_model_id`,`initiative_id`,`status`,`bound`);--> statement-breakpoint
CREATE INDEX `allocation_rollups_by_model_gpu_model_idx` ON `allocation_rollups_by_model` (`gpu_model_id`);--> statement-breakpoint
CREATE INDEX `allocation_rollups_by_model_initiative_idx` ON `allocation_rollups_by_model` (`initiative_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_rollups_by_partner_unique` ON `allocation_rollups_by_partner` (`program_id`,`partner_id`,`status`,`bound`);--> statement-breakpoint
CREATE INDEX `allocation_rollups_by_partner_partner_idx` ON `allocation_rollups_by_partner` (`partner_id`,`program_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_rollups_by_partner_model_unique` ON `allocation_rollups_by_partner_model` (`partner_id`,`gpu_model_id`,`program_id`,`status`,`bound`);--> statement-breakpoint
CREATE INDEX `allocation_rollups_by_partner_model_program_idx` ON `allocation_rollups_by_partner_model` (`program_id`);--> statement-breakpoint
-- Written by hand below (drizzle-kit knows no triggers). Fill the rollups from the allocations
-- already stored.
INSERT INTO `allocation_rollups_by_partner` (program_id, partner_id, status, bound, quantity, allocation_count)
SELECT program_id, partner_id, status, bound, sum(quantity), count(*) FROM `allocations` GROUP BY program_id, partner_id, status, bound;--> statement-breakpoint
INSERT INTO `allocation_rollups_by_model` (program_id, gpu_model_id, initiative_id, status, bound, quantity, allocation_count)
SELECT program_id, gpu_model_id, initiative_id, status, bound, sum(quantity), count(*) FROM `allocations` GROUP BY program_id, gpu_model_id, initiative_id, status, bound;--> statement-breakpoint
INSERT INTO `allocation_rollups_by_partner_model` (program_id, partner_id, gpu_model_id, status, bound, quantity, allocation_count)
SELECT program_id, partner_id, gpu_model_id, status, bound, sum(quantity), count(*) FROM `allocations` GROUP BY program_id, partner_id, gpu_model_id, status, bound;--> statement-breakpoint
-- Keep the rollups exact in the transaction of every allocation write. To add: bump the
-- matching row, or insert it when none matched (changes() = 0). To remove: delete the row when
-- this allocation is its last, else subtract. Nullable columns match with IS (NULL IS NULL).
CREATE TRIGGER `allocations_rollups_after_insert` AFTER INSERT ON `allocations` BEGIN
  UPDATE allocation_rollups_by_partner SET quantity = quantity + NEW.quantity, allocation_count = allocation_count + 1
    WHERE program_id = NEW.program_id AND partner_id = NEW.partner_id AND status = NEW.status AND bound = NEW.bound;
  INSERT INTO allocation_rollups_by_partner (program_id, partner_id, status, bound, quantity, allocation_count)
    SELECT NEW.program_id, NEW.partner_id, NEW.status, NEW.bound, NEW.quantity, 1 WHERE changes() = 0;
  UPDATE allocation_rollups_by_model SET quantity = quantity + NEW.quantity, allocation_count = allocation_count + 1
    WHERE program_id = NEW.program_id AND gpu_model_id IS NEW.gpu_model_id AND initiative_id IS NEW.initiative_id AND status = NEW.status AND bound = NEW.bound;
  INSERT INTO allocation_rollups_by_model (program_id, gpu_model_id, initiative_id, status, bound, quantity, allocation_count)
    SELECT NEW.program_id, NEW.gpu_model_id, NEW.initiative_id, NEW.status, NEW.bound, NEW.quantity, 1 WHERE changes() = 0;
  UPDATE allocation_rollups_by_partner_model SET quantity = quantity + NEW.quantity, allocation_count = allocation_count + 1
    WHERE program_id = NEW.program_id AND partner_id = NEW.partner_id AND gpu_model_id IS NEW.gpu_model_id AND status = NEW.status AND bound = NEW.bound;
  INSERT INTO allocation_rollups_by_partner_model (program_id, partner_id, gpu_model_id, status, bound, quantity, allocation_count)
    SELECT NEW.program_id, NEW.partner_id, NEW.gpu_model_id, NEW.status, NEW.bound, NEW.quantity, 1 WHERE changes() = 0;
END;--> statement-breakpoint
CREATE TRIGGER `allocations_rollups_after_delete` AFTER DELETE ON `allocations` BEGIN
  DELETE FROM allocation_rollups_by_partner WHERE program_id = OLD.program_id AND partner_id = OLD.partner_id AND status = OLD.status AND bound = OLD.bound AND allocation_count = 1;
  UPDATE allocation_rollups_by_partner SET quantity = quantity - OLD.quantity, allocation_count = allocation_count - 1
    WHERE program_id = OLD.program_id AND partner_id = OLD.partner_id AND status = OLD.status AND bound = OLD.bound;
  DELETE FROM allocation_rollups_by_model WHERE program_id = OLD.program_id AND gpu_model_id IS OLD.gpu_model_id AND initiative_id IS OLD.initiative_id AND status = OLD.status AND bound = OLD.bound AND allocation_count = 1;
  UPDATE allocation_rollups_by_model SET quantity = quantity - OLD.quantity, allocation_count = allocation_count - 1
    WHERE program_id = OLD.program_id AND gpu_model_id IS OLD.gpu_model_id AND initiative_id IS OLD.initiative_id AND status = OLD.status AND bound = OLD.bound;
  DELETE FROM allocation_rollups_by_partner_model WHERE program_id = OLD.program_id AND partner_id = OLD.partner_id AND gpu_model_id IS OLD.gpu_model_id AND status = OLD.status AND bound = OLD.bound AND allocation_count = 1;
  UPDATE allocation_rollups_by_partner_model SET quantity = quantity - OLD.quantity, allocation_count = allocation_count - 1
    WHERE program_id = OLD.program_id AND partner_id = OLD.partner_id AND gpu_model_id IS OLD.gpu_model_id AND status = OLD.status AND bound = OLD.bound;
END;--> statement-breakpoint
-- Also fires for ON DELETE SET NULL of an initiative: foreign-key actions run UPDATE triggers.
CREATE TRIGGER `allocations_rollups_after_update` AFTER UPDATE OF program_id, partner_id, gpu_model_id, initiative_id, status, bound, quantity ON `allocations`
WHEN OLD.program_id IS NOT NEW.program_id OR OLD.partner_id IS NOT NEW.partner_id OR OLD.gpu_model_id IS NOT NEW.gpu_model_id OR OLD.initiative_id IS NOT NEW.initiative_id OR OLD.status IS NOT NEW.status OR OLD.bound IS NOT NEW.bound OR OLD.quantity IS NOT NEW.quantity
BEGIN
  DELETE FROM allocation_rollups_by_partner WHERE program_id = OLD.program_id AND partner_id = OLD.partner_id AND status = OLD.status AND bound = OLD.bound AND allocation_count = 1;
  UPDATE allocation_rollups_by_partner SET quantity = quantity - OLD.quantity, allocation_count = allocation_count - 1
    WHERE program_id = OLD.program_id AND partner_id = OLD.partner_id AND status = OLD.status AND bound = OLD.bound;
  DELETE FROM allocation_rollups_by_model WHERE program_id = OLD.program_id AND gpu_model_id IS OLD.gpu_model_id AND initiative_id IS OLD.initiative_id AND status = OLD.status AND bound = OLD.bound AND allocation_count = 1;
  UPDATE allocation_rollups_by_model SET quantity = quantity - OLD.quantity, allocation_count = allocation_count - 1
    WHERE program_id = OLD.program_id AND gpu_model_id IS OLD.gpu_model_id AND initiative_id IS OLD.initiative_id AND status = OLD.status AND bound = OLD.bound;
  DELETE FROM allocation_rollups_by_partner_model WHERE program_id = OLD.program_id AND partner_id = OLD.partner_id AND gpu_model_id IS OLD.gpu_model_id AND status = OLD.status AND bound = OLD.bound AND allocation_count = 1;
  UPDATE allocation_rollups_by_partner_model SET quantity = quantity - OLD.quantity, allocation_count = allocation_count - 1
    WHERE program_id = OLD.program_id AND partner_id = OLD.partner_id AND gpu_model_id IS OLD.gpu_model_id AND status = OLD.status AND bound = OLD.bound;
  UPDATE allocation_rollups_by_partner SET quantity = quantity + NEW.quantity, allocation_count = allocation_count + 1
    WHERE program_id = NEW.program_id AND partner_id = NEW.partner_id AND status = NEW.status AND bound = NEW.bound;
  INSERT INTO allocation_rollups_by_partner (program_id, partner_id, status, bound, quantity, allocation_count)
    SELECT NEW.program_id, NEW.partner_id, NEW.status, NEW.bound, NEW.quantity, 1 WHERE changes() = 0;
  UPDATE allocation_rollups_by_model SET quantity = quantity + NEW.quantity, allocation_count = allocation_count + 1
    WHERE program_id = NEW.program_id AND gpu_model_id IS NEW.gpu_model_id AND initiative_id IS NEW.initiative_id AND status = NEW.status AND bound = NEW.bound;
  INSERT INTO allocation_rollups_by_model (program_id, gpu_model_id, initiative_id, status, bound, quantity, allocation_count)
    SELECT NEW.program_id, NEW.gpu_model_id, NEW.initiative_id, NEW.status, NEW.bound, NEW.quantity, 1 WHERE changes() = 0;
  UPDATE allocation_rollups_by_partner_model SET quantity = quantity + NEW.quantity, allocation_count = allocation_count + 1
    WHERE program_id = NEW.program_id AND partner_id = NEW.partner_id AND gpu_model_id IS NEW.gpu_model_id AND status = NEW.status AND bound = NEW.bound;
  INSERT INTO allocation_rollups_by_partner_model (program_id, partner_id, gpu_model_id, status, bound, quantity, allocation_count)
    SELECT NEW.program_id, NEW.partner_id, NEW.gpu_model_id, NEW.status, NEW.bound, NEW.quantity, 1 WHERE changes() = 0;
END;
